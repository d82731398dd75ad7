package io.callstream.emulator.fault;

/**
 * What callstream's ingest gateway does with a malformed request (read from its {@code CallbackRoutes} and
 * {@code CallbackNormalizer}), so that a test can expect each in the right place.
 */
public enum GatewayTreatment {
    /** Answered with an error (HTTP 403, ErrorCode 40300), stored nowhere: only a log line and a metric. */
    REFUSED,
    /** Acknowledged ({@code ErrorCode 0}) and written verbatim to the dead-letter topic with a reason header. */
    DEAD_LETTERED,
    /** Acknowledged and stored on the events topic as {@code kind=unknown}; the fold ignores and counts it. */
    STORED_AS_UNKNOWN
}
