package io.callstream.topology.query.vendor;

/**
 * An answer other than success, with the message the client reads. Thrown (or a future failed with it) anywhere in a
 * request's handling; the pipeline turns it into the API's error envelope. No stack trace: it is an answer, not a bug.
 */
final class VendorException extends RuntimeException {

    private final VendorError error;

    VendorException(VendorError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    VendorError error() {
        return error;
    }
}
