package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallResult;
import io.callstream.service.ClientText;
import io.callstream.topology.query.RecordFilter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The filter and order parameters of {@code GET /api/v1/records}, read into a {@link RecordFilter}. Values are checked
 * against what records can hold, so that a typo is an error rather than an empty answer.
 */
final class RecordFilterParams {

    static final Set<String> PARAMETERS = Set.of("from", "to", "callType", "result", "mediaType", "userId", "callId",
            "order");

    private static final List<String> CALL_TYPES = List.of("single", "group");
    private static final List<String> MEDIA_TYPES = List.of("audio", "video");
    private static final List<String> ORDERS = List.of("asc", "desc");

    private RecordFilterParams() {
    }

    static RecordFilter read(long sdkAppId, TimeRange range, QueryParams params) {
        return RecordFilter.between(sdkAppId, range.from(), range.to())
                .withCallType(oneOf(params, "callType", CALL_TYPES))
                .withResults(results(params))
                .withMediaType(oneOf(params, "mediaType", MEDIA_TYPES))
                .withUserId(params.single("userId"))
                .withCallId(params.single("callId"))
                .descending("desc".equals(oneOf(params, "order", ORDERS)));
    }

    private static String oneOf(QueryParams params, String name, List<String> allowed) {
        String value = params.single(name);
        if (value != null && !allowed.contains(value)) {
            throw AnalystException.badParameter(name + " must be one of " + String.join(", ", allowed) + ", got "
                    + ClientText.quoted(value));
        }
        return value;
    }

    private static Set<CallResult> results(QueryParams params) {
        Set<CallResult> results = EnumSet.noneOf(CallResult.class);
        for (String value : params.list("result")) {
            results.add(Arrays.stream(CallResult.values()).filter(r -> r.name().equals(value)).findFirst()
                    .orElseThrow(() -> AnalystException.badParameter("result must be among " + Arrays.stream(CallResult.values())
                            .map(Enum::name).collect(Collectors.joining(", ")) + " (repeat it or separate values "
                            + "with commas), got " + ClientText.quoted(value))));
        }
        return results;
    }
}
