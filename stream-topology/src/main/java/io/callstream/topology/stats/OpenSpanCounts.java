package io.callstream.topology.stats;

import io.callstream.schemas.CallScope;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the calls that have no record yet add, second by second up to now, to the recorded calls' counts (R7): a call
 * in progress counts from its acceptance through now, a settling one over {@code [acceptTs, endTs)}. With these, a
 * rolling maximum includes the calls still going on, not only the closed ones.
 */
public final class OpenSpanCounts {

    private final long now;
    private final Map<CallScope, long[]> counts = new EnumMap<>(CallScope.class);
    private final Map<CallScope, Long> firsts = new EnumMap<>(CallScope.class);
    private final Map<CallScope, Integer> live = new EnumMap<>(CallScope.class);

    /** @param oldest spans are counted from here on at the earliest (the longest span that counts) */
    public OpenSpanCounts(Collection<OpenSpan> spans, long now, long oldest) {
        this.now = now;
        for (CallScope scope : CallScope.values()) {
            long first = Long.MAX_VALUE;
            int inProgress = 0;
            for (OpenSpan span : spans) {
                if (span.counts(scope) && lastSecond(span) >= Math.max(span.acceptTs(), oldest)) {
                    first = Math.min(first, Math.max(span.acceptTs(), oldest));
                }
                if (span.counts(scope) && span.inProgress() && span.acceptTs() <= now) {
                    inProgress++;
                }
            }
            live.put(scope, inProgress);
            if (first == Long.MAX_VALUE) {
                continue;
            }
            long[] perSecond = new long[(int) (now - first + 2)];
            for (OpenSpan span : spans) {
                long from = Math.max(span.acceptTs(), first);
                long to = lastSecond(span);
                if (span.counts(scope) && to >= from) {
                    perSecond[(int) (from - first)]++;
                    perSecond[(int) (to - first + 1)]--;
                }
            }
            for (int i = 1; i < perSecond.length; i++) {
                perSecond[i] += perSecond[i - 1];
            }
            counts.put(scope, perSecond);
            firsts.put(scope, first);
        }
    }

    /** The last second a span covers up to now: now while in progress, the second before its end once it ended. */
    private long lastSecond(OpenSpan span) {
        return span.inProgress() ? now : Math.min(now, span.endTs() - 1);
    }

    public long now() {
        return now;
    }

    /** The first second any open call of the scope covers; {@code Long.MAX_VALUE} when none does. */
    public long first(CallScope scope) {
        return firsts.getOrDefault(scope, Long.MAX_VALUE);
    }

    /** Open calls of the scope covering the second. */
    public long at(CallScope scope, long second) {
        long[] perSecond = counts.get(scope);
        if (perSecond == null || second < firsts.get(scope) || second > now) {
            return 0;
        }
        return perSecond[(int) (second - firsts.get(scope))];
    }

    /** Calls of the scope in progress now: accepted, not ended (R7's live concurrency). */
    public int live(CallScope scope) {
        return live.get(scope);
    }
}
