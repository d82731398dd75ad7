package io.callstream.topology.stats;

import io.callstream.schemas.CallScope;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the calls that have no record yet add, second by second up to now, to the recorded calls' counts (R7): a call
 * in progress counts from its acceptance through now, a settling one over {@code [acceptTs, endTs)}. With these, a
 * rolling maximum includes the calls still going on, not only the closed ones.
 *
 * <p>Kept as the seconds where the count changes and the count from each on: memory grows with the calls, not with
 * how long ago the oldest was accepted.
 */
public final class OpenSpanCounts {

    private final long now;
    private final Map<CallScope, Steps> steps = new EnumMap<>(CallScope.class);
    private final Map<CallScope, Integer> live = new EnumMap<>(CallScope.class);

    /** The count from {@code seconds[i]} on is {@code counts[i]}; 0 before the first. */
    private record Steps(long[] seconds, long[] counts) {

        long at(long second) {
            int i = Arrays.binarySearch(seconds, second);
            int step = i >= 0 ? i : -i - 2;
            return step < 0 ? 0 : counts[step];
        }
    }

    /** @param oldest spans are counted from here on at the earliest (the longest span that counts) */
    public OpenSpanCounts(Collection<OpenSpan> spans, long now, long oldest) {
        this.now = now;
        for (CallScope scope : CallScope.values()) {
            TreeMap<Long, Long> edges = new TreeMap<>();
            int inProgress = 0;
            for (OpenSpan span : spans) {
                if (!span.counts(scope)) {
                    continue;
                }
                if (span.inProgress() && span.acceptTs() <= now) {
                    inProgress++;
                }
                long from = Math.max(span.acceptTs(), oldest);
                long to = lastSecond(span);
                if (to >= from) {
                    edges.merge(from, 1L, Long::sum);
                    edges.merge(to + 1, -1L, Long::sum);
                }
            }
            live.put(scope, inProgress);
            long[] seconds = new long[edges.size()];
            long[] counts = new long[edges.size()];
            int i = 0;
            long count = 0;
            for (Map.Entry<Long, Long> edge : edges.entrySet()) {
                count += edge.getValue();
                seconds[i] = edge.getKey();
                counts[i++] = count;
            }
            steps.put(scope, new Steps(seconds, counts));
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
        long[] seconds = steps.get(scope).seconds();
        return seconds.length == 0 ? Long.MAX_VALUE : seconds[0];
    }

    /** Open calls of the scope covering the second. */
    public long at(CallScope scope, long second) {
        return second > now ? 0 : steps.get(scope).at(second);
    }

    /** Calls of the scope in progress now: accepted, not ended (R7's live concurrency). */
    public int live(CallScope scope) {
        return live.get(scope);
    }
}
