package io.callstream.topology.query.vendor;

import io.callstream.schemas.CallResult;
import io.callstream.service.ClientText;
import java.util.Map;

/**
 * The v1 API's words for results and call types. Our results are the vendor's six plus {@code failed} (output as is)
 * and {@code unknown}, which is output as {@code offline}: the word the vendor's own records use for a call whose
 * outcome was never reported. A filter accepts {@code offline} and {@code unknown} alike.
 */
final class V1Values {

    static final String OFFLINE = "offline";

    private static final Map<String, CallResult> RESULTS = Map.of(
            "cancel", CallResult.cancel, "reject", CallResult.reject, "not_answer", CallResult.not_answer,
            "normal_end", CallResult.normal_end, "call_busy", CallResult.call_busy, "interrupt", CallResult.interrupt,
            "failed", CallResult.failed, OFFLINE, CallResult.unknown, "unknown", CallResult.unknown);

    private V1Values() {
    }

    static String callResult(CallResult result) {
        return result == null || result == CallResult.unknown ? OFFLINE : result.name();
    }

    static CallResult parseCallResult(String field, String value) {
        CallResult result = RESULTS.get(value);
        if (result == null) {
            throw new VendorException(VendorError.INVALID_PARAMETER, field + " must be one of cancel, reject, not_answer, "
                    + "normal_end, call_busy, interrupt, failed, offline (or unknown), got " + ClientText.quoted(value));
        }
        return result;
    }

    static String parseCallType(String field, String value) {
        if (!value.equals("single") && !value.equals("group")) {
            throw new VendorException(VendorError.INVALID_PARAMETER,
                    field + " must be single or group, got " + ClientText.quoted(value));
        }
        return value;
    }
}
