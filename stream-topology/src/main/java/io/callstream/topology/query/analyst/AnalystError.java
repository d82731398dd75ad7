package io.callstream.topology.query.analyst;

import io.callstream.topology.query.auth.AuthError;

/**
 * The analyst API's errors: an HTTP status for generic clients and the vendor's error code for those that already
 * handle the vendor's APIs (docs/analyst-api.md, "Errors"). The code decides the status: every 70001 is a 400.
 */
enum AnalystError {
    BAD_PARAMETER(400, 70001),
    INVALID_USERSIG(401, 70002),
    EXPIRED_USERSIG(401, 70003),
    NOT_ADMIN(403, 70004),
    NOT_FOUND(404, 70011),
    RATE_LIMITED(429, 70005),
    /** The answer cannot be complete right now (rebalance, restore, owner unreachable, timeout): retry. */
    UNAVAILABLE(503, 101001),
    /** A fault of ours; the vendor's "internal error" code, but no Retry-After since retrying may not help. */
    INTERNAL(500, 101001);

    private final int status;
    private final int code;

    AnalystError(int status, int code) {
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }

    /** Whether the client should come back later: these answers carry {@code Retry-After}. */
    boolean retryable() {
        return this == RATE_LIMITED || this == UNAVAILABLE;
    }

    static AnalystError of(AuthError error) {
        return switch (error) {
            // An app we hold no key for is a wrong sdkappid, as the vendor's code 70001 says.
            case INVALID_PARAMETER, UNKNOWN_APP -> BAD_PARAMETER;
            case INVALID_USERSIG -> INVALID_USERSIG;
            case EXPIRED_USERSIG -> EXPIRED_USERSIG;
            case NOT_ADMIN -> NOT_ADMIN;
        };
    }
}
