package io.callstream.emulator.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callstream.emulator.call.Callback;
import io.callstream.emulator.delivery.CallbackRequest;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The corrupt requests fault injection sends, each derived from a real callback and sent <em>in addition</em> to it,
 * once, without retries (a receiver refusing it is the point). The real callback still goes out, so the ground truth
 * does not change.
 */
public enum MalformedKind {

    /** The body cut in the middle: not JSON. Gateway: dead letter, reason {@code invalid_json}. */
    INVALID_JSON(GatewayTreatment.DEAD_LETTERED, "invalid_json", c -> new CallbackRequest(c.query(), truncated(c.body()))),

    /** A JSON array instead of an object. Gateway: dead letter, reason {@code not_an_object}. */
    NOT_AN_OBJECT(GatewayTreatment.DEAD_LETTERED, "not_an_object",
            c -> new CallbackRequest(c.query(), ("[" + new String(c.body(), StandardCharsets.UTF_8) + "]")
                    .getBytes(StandardCharsets.UTF_8))),

    /** No CallId. Gateway: dead letter, reason {@code missing_call_id}. */
    MISSING_CALL_ID(GatewayTreatment.DEAD_LETTERED, "missing_call_id", c -> {
        ObjectNode body = c.bodyJson();
        body.remove("CallId");
        return new CallbackRequest(c.query(), body.toString().getBytes(StandardCharsets.UTF_8));
    }),

    /** EventTime as a non-numeric string and TotalNum as an object. Gateway: dead letter, reason {@code wrong_type}. */
    WRONG_FIELD_TYPE(GatewayTreatment.DEAD_LETTERED, "wrong_type", c -> {
        ObjectNode body = c.bodyJson();
        body.put("EventTime", "yesterday");
        body.putObject("TotalNum").put("value", c.totalNum());
        return new CallbackRequest(c.query(), body.toString().getBytes(StandardCharsets.UTF_8));
    }),

    /** No {@code command} query parameter. Gateway: dead letter, reason {@code missing_command}. */
    MISSING_COMMAND(GatewayTreatment.DEAD_LETTERED, "missing_command",
            c -> new CallbackRequest(c.query().replace("&command=" + c.command().wireName(), ""), c.body())),

    /** Another app's sdkappid ({@value #FOREIGN_SDK_APP_ID}). Gateway: refused, 403 / 40300. */
    WRONG_SDKAPPID(GatewayTreatment.REFUSED, null,
            c -> new CallbackRequest(c.query().replaceFirst("^sdkappid=\\d+", "sdkappid=" + MalformedKind.FOREIGN_SDK_APP_ID), c.body())),

    /** A command the protocol does not have. Gateway: stored as {@code kind=unknown}, ignored by the fold. */
    UNKNOWN_COMMAND(GatewayTreatment.STORED_AS_UNKNOWN, null,
            c -> new CallbackRequest(c.query().replace("&command=" + c.command().wireName(), "&command=caller_teleported"),
                    c.body()));

    /** An SDKAppID no real app has (they start at 1400000000), so no receiver serves it. */
    public static final long FOREIGN_SDK_APP_ID = 1L;

    private final GatewayTreatment treatment;
    private final String deadLetterReason;
    private final Function<Callback, CallbackRequest> corrupt;

    MalformedKind(GatewayTreatment treatment, String deadLetterReason, Function<Callback, CallbackRequest> corrupt) {
        this.treatment = treatment;
        this.deadLetterReason = deadLetterReason;
        this.corrupt = corrupt;
    }

    public GatewayTreatment treatment() {
        return treatment;
    }

    /** The gateway's {@code callstream.dlq.category} header for a dead-lettered kind; null for the others. */
    public String deadLetterReason() {
        return deadLetterReason;
    }

    /** The corrupt request made from {@code callback}. */
    public CallbackRequest corrupt(Callback callback) {
        return corrupt.apply(callback);
    }

    private static byte[] truncated(byte[] body) {
        byte[] half = new byte[Math.max(1, body.length / 2)];
        System.arraycopy(body, 0, half, 0, half.length);
        return half;
    }
}
