package io.callstream.topology.query.analyst;

/**
 * A request the analyst API answers with an error, and the message for the client: what is wrong and how to fix it.
 * Thrown while reading a request, or carried by a failed future; never a fault of ours, so it has no stack trace.
 */
final class AnalystException extends RuntimeException {

    private final AnalystError error;

    AnalystException(AnalystError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    static AnalystException badParameter(String message) {
        return new AnalystException(AnalystError.BAD_PARAMETER, message);
    }

    AnalystError error() {
        return error;
    }
}
