package io.callstream.topology.query;

import java.time.Duration;

/**
 * When nobody waits for a query's answer any more. Its caller answers "retry" at the deadline; the local scans check it
 * as they go, so that a query past it stops there and frees its worker thread instead of scanning on for nobody.
 */
public final class QueryDeadline {

    /** No deadline: the scan runs to its end. */
    public static final QueryDeadline NONE = new QueryDeadline(false, 0);

    private final boolean bounded;
    private final long atNanos;

    private QueryDeadline(boolean bounded, long atNanos) {
        this.bounded = bounded;
        this.atNanos = atNanos;
    }

    /** {@code within} from now. */
    public static QueryDeadline after(Duration within) {
        return new QueryDeadline(true, System.nanoTime() + within.toNanos());
    }

    /** @throws QueryUnavailableException when the deadline has passed: the caller has answered "retry" already */
    public void check() {
        if (bounded && System.nanoTime() - atNanos >= 0) {
            throw new QueryUnavailableException("the query ran past its deadline; retry, or narrow it");
        }
    }
}
