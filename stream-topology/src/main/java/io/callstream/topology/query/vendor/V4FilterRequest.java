package io.callstream.topology.query.vendor;

import io.callstream.schemas.CallResult;
import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.RecordFilter;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A v4 {@code get_record_by_filter} request, checked, with its defaults applied (docs/query-api.md): {@code StartTime}
 * default now - 7 days, and earlier values raised to that (the vendor's floor); {@code EndTime} default now;
 * {@code NumberPerPage} 1..100, default 10; {@code Page} from 1, default 1. Both time bounds are inclusive.
 *
 * <p>A numeric field that is 0 counts as not given: the vendor's own example sends {@code "StartTime": 0} for the
 * default, which is how a client with fixed integer fields says "unset".
 */
record V4FilterRequest(RecordFilter filter, int page, int numberPerPage) {

    static final int DEFAULT_PER_PAGE = 10;
    static final int MAX_PER_PAGE = 100;

    static V4FilterRequest parse(long sdkAppId, RequestBody body, long nowSeconds) {
        long floor = nowSeconds - VendorTimeBounds.SEVEN_DAYS;
        OptionalLong givenStart = given(body.integer("StartTime", 0, VendorTimeBounds.MAX_TIMESTAMP));
        OptionalLong givenEnd = given(body.integer("EndTime", 0, VendorTimeBounds.MAX_TIMESTAMP));
        if (givenStart.isPresent() && givenEnd.isPresent() && givenEnd.getAsLong() < givenStart.getAsLong()) {
            throw new VendorException(VendorError.INVALID_PARAMETER, "EndTime (" + givenEnd.getAsLong()
                    + ") must not be before StartTime (" + givenStart.getAsLong() + ")");
        }
        long start = Math.max(floor, givenStart.orElse(floor));
        // An EndTime before the floor makes an empty range: nothing matches.
        long end = givenEnd.orElse(nowSeconds);
        Set<CallResult> results = body.string("CallResult")
                .map(v -> Set.of(V4Values.parseCallResult("CallResult", v))).orElse(Set.of());
        String callType = body.string("CallType").map(v -> V4Values.parseCallType("CallType", v)).orElse(null);
        int perPage = (int) given(body.integer("NumberPerPage", 0, MAX_PER_PAGE)).orElse(DEFAULT_PER_PAGE);
        int page = (int) given(body.integer("Page", 0, Integer.MAX_VALUE)).orElse(1);
        RecordFilter filter = RecordFilter.between(sdkAppId, start, end).withCallType(callType).withResults(results);
        return new V4FilterRequest(filter, page, perPage);
    }

    boolean emptyRange() {
        return filter.toTs() < filter.fromTs();
    }

    PageRequest pageRequest() {
        return PageRequest.page(page, numberPerPage);
    }

    private static OptionalLong given(OptionalLong value) {
        return value.isPresent() && value.getAsLong() == 0 ? OptionalLong.empty() : value;
    }
}
