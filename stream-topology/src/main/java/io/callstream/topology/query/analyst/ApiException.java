package io.callstream.topology.query.analyst;

/**
 * A request the analyst API answers with an error, and the message for the client: what is wrong and how to fix it.
 * Thrown while reading a request, or carried by a failed future; never a fault of ours, so it has no stack trace.
 */
final class ApiException extends RuntimeException {

    private final ApiError error;

    ApiException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    static ApiException badParameter(String message) {
        return new ApiException(ApiError.BAD_PARAMETER, message);
    }

    ApiError error() {
        return error;
    }
}
