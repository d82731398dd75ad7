package io.callstream.gateway.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallbackCommand;
import io.callstream.service.ClientText;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Turns one callback (query and body bytes) into a {@link CallEvent}, or says why it cannot.
 *
 * <p>Lenient where the vendor is loose, strict where a value would be wrong: absent, {@code ""} and {@code 0} are
 * unknown (null); numbers sent as numeric strings are read as numbers, and ids sent as numbers as strings (RoomId is
 * often numeric); anything else of the wrong type makes the callback malformed rather than silently dropping a field.
 * The raw body is always kept, so fields we do not model are never lost.
 */
public final class CallbackNormalizer {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CallbackNormalizer() {
    }

    /**
     * @param sdkAppId     the app, already checked to be ours
     * @param query        the request's parameters
     * @param body         the request body
     * @param receivedAtMs when the gateway received it
     */
    public static Normalized normalize(long sdkAppId, CallbackQuery query, byte[] body, long receivedAtMs) {
        if (query.command().isEmpty()) {
            return new Normalized.Malformed("missing_command", "the command query parameter is missing", null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Normalized.Malformed("invalid_json", "body is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            return new Normalized.Malformed("invalid_json", "body could not be read: " + e.getMessage(), null);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return new Normalized.Malformed("not_an_object", "body must be a JSON object, got "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().name().toLowerCase()), null);
        }
        try {
            Fields fields = new Fields(root);
            String callId = fields.string("CallId");
            if (callId == null) {
                return new Normalized.Malformed("missing_call_id", "CallId is missing or empty", null);
            }
            String command = query.command().get();
            CallEvent event = CallEvent.newBuilder()
                    .setSdkAppId(sdkAppId)
                    .setCommand(command)
                    .setKind(CallbackCommand.kindOf(command))
                    .setCallId(callId)
                    .setUserId(fields.string("UserId"))
                    .setRoomId(fields.string("RoomId"))
                    .setTotalNum(fields.integer("TotalNum"))
                    .setMediaType(fields.string("MediaType"))
                    .setCallType(fields.string("CallType"))
                    .setRole(fields.string("Role"))
                    .setEvent(fields.string("Event"))
                    .setCallResult(fields.string("CallResult"))
                    .setEventTime(fields.timestamp("EventTime"))
                    .setStartCallTs(fields.timestamp("StartCallTs"))
                    .setAcceptTs(fields.timestamp("AcceptTs"))
                    .setEndTs(fields.timestamp("EndTs"))
                    .setClientIp(query.clientIp())
                    .setPlatform(query.platform())
                    .setReceivedAtMs(receivedAtMs)
                    .setRawQuery(query.rawQuery())
                    .setRawBody(ByteBuffer.wrap(body))
                    .build();
            return new Normalized.Accepted(event);
        } catch (WrongTypeException e) {
            return new Normalized.Malformed("wrong_type", e.getMessage(), lenientCallId(root));
        }
    }

    private static String lenientCallId(JsonNode root) {
        JsonNode id = root.get("CallId");
        return id != null && id.isValueNode() && !id.asText().isEmpty() ? id.asText() : null;
    }

    /** Typed, null-normalizing reads of body fields. */
    private record Fields(JsonNode root) {

        String string(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isTextual()) {
                return node.asText().isEmpty() ? null : node.asText();
            }
            if (node.isIntegralNumber()) {
                return node.asText();
            }
            throw new WrongTypeException(name + " must be a string, got " + describe(node));
        }

        Integer integer(String name) {
            Long value = number(name, "an integer");
            if (value == null) {
                return null;
            }
            if (value > Integer.MAX_VALUE) {
                throw new WrongTypeException(name + " is out of range: " + value);
            }
            return value.intValue();
        }

        Long timestamp(String name) {
            return number(name, "a Unix time in seconds");
        }

        private Long number(String name, String what) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            long value;
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                value = node.asLong();
            } else if (node.isTextual()) {
                String text = node.asText().trim();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    value = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new WrongTypeException(name + " must be " + what + ", got " + describe(node));
                }
            } else {
                throw new WrongTypeException(name + " must be " + what + ", got " + describe(node));
            }
            if (value < 0) {
                throw new WrongTypeException(name + " must not be negative, got " + value);
            }
            return value == 0 ? null : value;
        }

        private static String describe(JsonNode node) {
            String text = node.toString();
            return node.getNodeType().name().toLowerCase() + " " + ClientText.cut(text, 40);
        }
    }

    private static final class WrongTypeException extends RuntimeException {
        WrongTypeException(String message) {
            super(message, null, false, false);
        }
    }
}
