package io.callstream.topology.query.vendor;

import io.callstream.topology.query.auth.AuthError;

/** The error codes the vendor-compatible APIs answer with (docs/query-api.md, "Error codes"). */
public enum VendorError {
    INVALID_PARAMETER(70001),
    INVALID_USERSIG(70002),
    USERSIG_EXPIRED(70003),
    NOT_ADMIN(70004),
    RATE_LIMITED(70005),
    /** The body is empty, not JSON, not an object, or a field has the wrong JSON type. */
    UNPARSABLE_BODY(70009),
    /** v1: nothing found. */
    NO_RECORD(70011),
    /** v4's "internal error, retry"; v1 uses it too, having no code of its own for it. */
    INTERNAL_ERROR(101001),
    /** v4: nothing found. */
    NO_CALL_RECORDS(101050);

    private final int code;

    VendorError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static VendorError of(AuthError error) {
        return switch (error) {
            case INVALID_PARAMETER, UNKNOWN_APP -> INVALID_PARAMETER;
            case INVALID_USERSIG -> INVALID_USERSIG;
            case EXPIRED_USERSIG -> USERSIG_EXPIRED;
            case NOT_ADMIN -> NOT_ADMIN;
        };
    }
}
