package io.callstream.topology.query;

/**
 * The answer cannot be complete right now (the stores are rebalancing or restoring, or the instance that owns the data
 * did not answer). Retryable; the APIs map it to their "internal error, retry" code rather than return partial data.
 */
public final class QueryUnavailableException extends RuntimeException {

    public QueryUnavailableException(String message) {
        super(message);
    }

    public QueryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
