package io.callstream.topology.query.vendor;

import io.callstream.schemas.CallResult;
import io.callstream.service.ClientText;
import java.util.EnumMap;
import java.util.Map;

/**
 * The v4 API's PascalCase words: results (the vendor's six, our {@code Failed}, and {@code Offline} for our
 * {@code unknown}, with {@code Unknown} accepted in filters), call types, media types and room id types.
 */
final class V4Values {

    private static final Map<CallResult, String> RESULT_NAMES = new EnumMap<>(Map.of(
            CallResult.cancel, "Cancel", CallResult.reject, "Reject", CallResult.not_answer, "NotAnswer",
            CallResult.normal_end, "NormalEnd", CallResult.call_busy, "CallBusy", CallResult.interrupt, "Interrupt",
            CallResult.failed, "Failed", CallResult.unknown, "Offline"));

    private static final Map<String, CallResult> RESULTS = Map.of(
            "Cancel", CallResult.cancel, "Reject", CallResult.reject, "NotAnswer", CallResult.not_answer,
            "NormalEnd", CallResult.normal_end, "CallBusy", CallResult.call_busy, "Interrupt", CallResult.interrupt,
            "Failed", CallResult.failed, "Offline", CallResult.unknown, "Unknown", CallResult.unknown);

    static final String SINGLE_CALL = "SingleCall";
    static final String MULTI_CALL = "MultiCall";

    /** RoomIdType: the room id is a number. */
    static final int NUMERIC_ROOM = 1;
    /** RoomIdType: the room id is a string. */
    static final int STRING_ROOM = 2;

    private V4Values() {
    }

    static String callResult(CallResult result) {
        return RESULT_NAMES.get(result == null ? CallResult.unknown : result);
    }

    static CallResult parseCallResult(String field, String value) {
        CallResult result = RESULTS.get(value);
        if (result == null) {
            throw new VendorException(VendorError.INVALID_PARAMETER, field + " must be one of Cancel, Reject, NotAnswer, "
                    + "NormalEnd, CallBusy, Interrupt, Failed, Offline (or Unknown), got " + ClientText.quoted(value));
        }
        return result;
    }

    /** Our {@code single}/{@code group} as {@code SingleCall}/{@code MultiCall}; anything else as it is. */
    static String callType(String callType) {
        if (callType == null) {
            return "";
        }
        return switch (callType) {
            case "single" -> SINGLE_CALL;
            case "group" -> MULTI_CALL;
            default -> callType;
        };
    }

    /** {@code SingleCall}/{@code MultiCall} as our {@code single}/{@code group}. */
    static String parseCallType(String field, String value) {
        return switch (value) {
            case SINGLE_CALL -> "single";
            case MULTI_CALL -> "group";
            default -> throw new VendorException(VendorError.INVALID_PARAMETER,
                    field + " must be SingleCall or MultiCall, got " + ClientText.quoted(value));
        };
    }

    /** Our {@code audio}/{@code video} as {@code Audio}/{@code Video}; anything else as it is. */
    static String mediaType(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        return switch (mediaType) {
            case "audio" -> "Audio";
            case "video" -> "Video";
            default -> mediaType;
        };
    }

    /** 1 when the room id is all digits (a TRTC numeric room), else 2 (a string room, or none known). */
    static int roomIdType(String roomId) {
        if (roomId == null || roomId.isEmpty()) {
            return STRING_ROOM;
        }
        for (int i = 0; i < roomId.length(); i++) {
            char c = roomId.charAt(i);
            if (c < '0' || c > '9') {
                return STRING_ROOM;
            }
        }
        return NUMERIC_ROOM;
    }
}
