package io.callstream.topology.query.auth;

/**
 * Why a request was not authenticated, with the vendor's REST error code for it. The reasons are finer than the codes
 * so that an API with its own conventions (the analyst API's HTTP statuses) can tell them apart.
 */
public enum AuthError {
    /** A common parameter is missing or malformed. */
    INVALID_PARAMETER(70001),
    /** The sdkappid is well-formed but not an app this service holds a key for. */
    UNKNOWN_APP(70001),
    /** The UserSig does not verify. */
    INVALID_USERSIG(70002),
    /** The UserSig verifies but has expired. */
    EXPIRED_USERSIG(70003),
    /** The identifier is not the app's admin account. */
    NOT_ADMIN(70004);

    private final int vendorCode;

    AuthError(int vendorCode) {
        this.vendorCode = vendorCode;
    }

    /** The code the vendor's REST APIs answer with (70001-70004). */
    public int vendorCode() {
        return vendorCode;
    }
}
