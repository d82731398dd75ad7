package io.callstream.emulator.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callstream.schemas.CallbackCommand;
import io.callstream.schemas.EventKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One callback the vendor sends (protocol §1.1, §1.2): the query parameters and the JSON body, as values.
 *
 * <p>Event callbacks carry {@code Event} (the command without its role prefix) and {@code CallType}; status callbacks
 * carry neither, as in the vendor's example, and are the only ones with {@code StartCallTs}/{@code AcceptTs}/
 * {@code EndTs}, and only for {@code normal_end} ("only sent with normal_end"). {@code CallResult} is {@code ""} on
 * callbacks that do not end anything.
 *
 * @param callType    {@code single} or {@code group}; null on status callbacks (absent from the body)
 * @param callResult  the body's CallResult; {@code ""} when the callback ends nothing
 * @param startCallTs null unless a normal_end status callback, like acceptTs and endTs
 */
public record Callback(long sdkAppId, String callId, CallbackCommand command, String userId, String role,
                       String roomId, int totalNum, String mediaType, String callType, String callResult,
                       long eventTime, Long startCallTs, Long acceptTs, Long endTs, Platform platform,
                       String clientIp) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What makes two callbacks the same callback (R1): retries and duplicates share it, two genuinely different
     * actions never do. An empty CallResult is no CallResult, as the receiver reads it.
     */
    public record Identity(long sdkAppId, String callId, String command, String userId, long eventTime, String role,
                           String callResult) {
    }

    public Callback {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(callResult, "callResult");
        Objects.requireNonNull(platform, "platform");
    }

    public boolean isStatus() {
        return command.kind() == EventKind.status;
    }

    /** The body's {@code Event}: the command without its {@code caller_}/{@code callee_} prefix; null for status. */
    public String event() {
        if (isStatus()) {
            return null;
        }
        String name = command.wireName();
        if (name.startsWith("caller_") || name.startsWith("callee_")) {
            return name.substring("caller_".length());
        }
        return name;
    }

    public Identity identity() {
        return new Identity(sdkAppId, callId, command.wireName(), userId, eventTime, role,
                callResult.isEmpty() ? null : callResult);
    }

    /** The query string the vendor appends to the configured address (§1.1), URL-encoded, without {@code ?}. */
    public String query() {
        return "sdkappid=" + sdkAppId
                + "&command=" + command.wireName()
                + "&contenttype=json"
                + "&clientip=" + URLEncoder.encode(clientIp, StandardCharsets.UTF_8)
                + "&optplatform=" + platform.name();
    }

    /** The body as a JSON object, fields in the order of the vendor's examples. */
    public ObjectNode bodyJson() {
        ObjectNode body = JSON.createObjectNode();
        body.put("UserId", userId);
        body.put("RoomId", roomId);
        body.put("TotalNum", totalNum);
        body.put("MediaType", mediaType);
        if (callType != null) {
            body.put("CallType", callType);
        }
        body.put("CallId", callId);
        body.put("Role", role);
        if (!isStatus()) {
            body.put("Event", event());
        }
        body.put("CallResult", callResult);
        body.put("EventTime", eventTime);
        if (startCallTs != null) {
            body.put("StartCallTs", startCallTs);
        }
        if (acceptTs != null) {
            body.put("AcceptTs", acceptTs);
        }
        if (endTs != null) {
            body.put("EndTs", endTs);
        }
        return body;
    }

    /** The body as sent: compact UTF-8 JSON. */
    public byte[] body() {
        try {
            return JSON.writeValueAsBytes(bodyJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a tree of strings and numbers always serializes", e);
        }
    }
}
