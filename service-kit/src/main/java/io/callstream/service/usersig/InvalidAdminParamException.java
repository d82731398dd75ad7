package io.callstream.service.usersig;

/**
 * An admin REST call's query parameter is missing or malformed: the vendor's error 70001. The message names the
 * parameter and says what is wrong, for the client; no stack trace, since it is an answer, not a fault.
 */
public final class InvalidAdminParamException extends RuntimeException {

    public InvalidAdminParamException(String message) {
        super(message, null, false, false);
    }
}
