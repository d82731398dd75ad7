package io.callstream.topology.query.analyst;

import java.time.Duration;
import java.time.Instant;

/**
 * The start-time range a records listing covers, both bounds inclusive, Unix seconds.
 *
 * @param fromClamped whether the requested {@code from} lay before the retention (R9) and was raised to its start;
 *                    the response says so, since records that old are gone rather than absent
 */
record TimeRange(long from, long to, boolean fromClamped) {

    static final Duration DEFAULT_SPAN = Duration.ofHours(24);

    /** Whether the range is empty: all of it lay before the retention. */
    boolean isEmpty() {
        return from > to;
    }

    /**
     * Resolves the range of a request. An absent {@code to} is now; an absent {@code from} is 24 h before {@code to}.
     * A cursor's range stands in for absent parameters, so paging with the defaults does not slide.
     *
     * @param fromText the {@code from} parameter, null when absent
     * @param toText   the {@code to} parameter, null when absent
     * @param cursor   the request's cursor, null when absent
     */
    static TimeRange resolve(String fromText, String toText, AnalystCursor cursor, Instant now, Duration retention) {
        long nowSeconds = now.getEpochSecond();
        long to = toText != null ? TimeParam.parse("to", toText, false) : cursor != null ? cursor.to() : nowSeconds;
        long from = fromText != null ? TimeParam.parse("from", fromText, true)
                : cursor != null ? cursor.from() : to - DEFAULT_SPAN.toSeconds();
        if (from > to) {
            throw AnalystException.badParameter("from (" + from + ") is after to (" + to
                    + (toText == null ? ", which defaults to now" : "") + "); give from <= to");
        }
        long oldest = nowSeconds - retention.toSeconds();
        return from < oldest ? new TimeRange(oldest, to, true) : new TimeRange(from, to, false);
    }
}
