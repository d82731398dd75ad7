package io.callstream.topology.query.vendor;

import io.callstream.schemas.CallResult;
import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.RecordFilter;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A v1 {@code get_records_by_filter} request, checked, with its defaults applied (docs/query-api.md):
 * {@code startTimestamp} required; {@code endTimestamp} default startTimestamp + 7 days, capped at now;
 * {@code callResult} and {@code callType} default all; {@code numberPerPage} 1..100, default 100; {@code page} from 1,
 * default 1. Both time bounds are inclusive.
 */
record V1FilterRequest(RecordFilter filter, int page, int numberPerPage) {

    static final int DEFAULT_PER_PAGE = 100;
    static final int MAX_PER_PAGE = 100;

    static V1FilterRequest parse(long sdkAppId, RequestBody body, long nowSeconds) {
        // Checked in the order of the vendor's field table, so the first problem reported is the first field's.
        long start = body.requiredInteger("startTimestamp", 0, VendorTimeBounds.MAX_TIMESTAMP);
        OptionalLong givenEnd = body.integer("endTimestamp", 0, VendorTimeBounds.MAX_TIMESTAMP);
        if (givenEnd.isPresent() && givenEnd.getAsLong() < start) {
            throw new VendorException(VendorError.INVALID_PARAMETER, "endTimestamp (" + givenEnd.getAsLong()
                    + ") must not be before startTimestamp (" + start + ")");
        }
        // With no end given, a start in the future makes an empty range (end < start): nothing matches.
        long end = givenEnd.orElse(Math.min(start + VendorTimeBounds.SEVEN_DAYS, nowSeconds));
        Set<CallResult> results = body.string("callResult")
                .map(v -> Set.of(V1Values.parseCallResult("callResult", v))).orElse(Set.of());
        String callType = body.string("callType").map(v -> V1Values.parseCallType("callType", v)).orElse(null);
        int perPage = (int) body.integer("numberPerPage", 1, MAX_PER_PAGE).orElse(DEFAULT_PER_PAGE);
        int page = (int) body.integer("page", 1, Integer.MAX_VALUE).orElse(1);
        RecordFilter filter = RecordFilter.between(sdkAppId, start, end).withCallType(callType).withResults(results);
        return new V1FilterRequest(filter, page, perPage);
    }

    /** Whether the time range is empty, so that nothing can match (the stores are not asked). */
    boolean emptyRange() {
        return filter.toTs() < filter.fromTs();
    }

    PageRequest pageRequest() {
        return PageRequest.page(page, numberPerPage);
    }
}
