package io.callstream.bench.topology;

import io.callstream.schemas.CallScope;
import io.callstream.topology.TopologyConfig;
import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.record.CallScenarios;
import io.callstream.topology.stats.CallFigures;
import io.callstream.topology.stats.StatsChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The statistics' input for one busy app, as the fold sends it: a change per call record, in the order the records
 * come out, and for a share of the calls a revision a little later, as a late callback causes.
 *
 * <ul>
 *   <li>Calls are {@link CallScenarios}' (1v1 and group, every result, some closed by the idle timeout), started at
 *       even intervals over a window ending now, each folded to its record by {@link CallRecordFolder}.</li>
 *   <li>A record comes out a settle delay after the call's end (the fold's emission). A call closed by the idle timeout
 *       comes out hours later in production; in a steady app as many come out per second as started that long ago,
 *       so here each comes out where it ended, which keeps the same mix.</li>
 *   <li>A revision comes 5-60 s after the record: a group call gains a late participant or ends later, any other call
 *       ends later (talk time grows with the end if the call was connected).</li>
 * </ul>
 */
final class AppStatsChanges {

    /** When the first record comes out after the call's end: the fold's settle delay. */
    private static final long SETTLE_SECONDS = TopologyConfig.DEFAULT_SETTLE_DELAY.toSeconds();
    private static final int MIN_LATE_SECONDS = 5;
    private static final int MAX_LATE_SECONDS = 60;

    /**
     * @param calls         how many calls
     * @param windowSeconds they start over the last this many seconds
     * @param revisionShare the share of calls whose record is revised once
     * @param users         how many distinct users call and are called (1v1 callees; group callees are named after
     *                      their caller)
     */
    record Settings(int calls, long windowSeconds, double revisionShare, int users) {
        Settings {
            if (calls < 1 || windowSeconds < 1 || users < 2 || revisionShare < 0 || revisionShare > 1) {
                throw new IllegalArgumentException("at least a call, a second and two users, and a share in [0, 1]: " + this);
            }
        }
    }

    /** What was sent: the calls' first records and their revisions. */
    record Counts(long records, long revisions) {
        long changes() {
            return records + revisions;
        }
    }

    /** A change and when it comes out; the sequence number keeps the order of equal times fixed. */
    private record Due(long second, long sequence, StatsChange change) {
        static final Comparator<Due> ORDER = Comparator.comparingLong(Due::second).thenComparingLong(Due::sequence);
    }

    private final long app;
    private final Settings settings;
    private final Random random;
    private final List<String> users;
    private final PriorityQueue<Due> pending = new PriorityQueue<>(Due.ORDER);
    private long sequence;

    private AppStatsChanges(long app, Settings settings, Random random) {
        this.app = app;
        this.settings = settings;
        this.random = random;
        this.users = IntStream.range(0, settings.users()).mapToObj(i -> "user-" + i).toList();
    }

    /**
     * Sends the app's changes to {@code sink} in the order they come out, calls starting over the window that ends at
     * {@code nowSecond}.
     */
    static Counts forEach(long app, Settings settings, long nowSecond, Random random, Consumer<StatsChange> sink) {
        return new AppStatsChanges(app, settings, random).send(nowSecond, sink);
    }

    private Counts send(long nowSecond, Consumer<StatsChange> sink) {
        CallScenarios scenarios = new CallScenarios(random, users);
        long firstStart = nowSecond - settings.windowSeconds();
        long revisions = 0;
        for (int i = 0; i < settings.calls(); i++) {
            long start = firstStart + (long) i * settings.windowSeconds() / settings.calls();
            // Every change still pending from an earlier call is due by this start, or comes out later than any
            // change of this call or the next: a record comes out after its call's start.
            sendDue(start, sink);
            revisions += add(scenarios.next().startingAt(start)) ? 1 : 0;
        }
        sendDue(Long.MAX_VALUE, sink);
        return new Counts(settings.calls(), revisions);
    }

    /** Adds a call's record, and its revision if it gets one; returns whether it does. */
    private boolean add(CallScenarios.Scenario call) {
        CallFigures first = CallFigures.of(CallRecordFolder.fold(app, call.callId(), call.facts(), !call.complete()).record());
        long out = (first.endTs() == null ? call.startTs() : first.endTs()) + SETTLE_SECONDS;
        pending.add(new Due(out, sequence++, new StatsChange(app, null, first)));
        if (random.nextDouble() >= settings.revisionShare()) {
            return false;
        }
        int late = MIN_LATE_SECONDS + random.nextInt(MAX_LATE_SECONDS - MIN_LATE_SECONDS + 1);
        pending.add(new Due(out + late, sequence++, new StatsChange(app, first, revised(first, late))));
        return true;
    }

    private CallFigures revised(CallFigures first, int lateSeconds) {
        boolean joins = first.type() == CallScope.group && random.nextBoolean();
        if (joins || first.endTs() == null) {
            List<String> participants = new ArrayList<>(first.participants());
            participants.add(lateJoiner(first));
            return new CallFigures(first.type(), first.startTs(), first.acceptTs(), first.endTs(), first.result(),
                    first.durationSec(), participants);
        }
        return new CallFigures(first.type(), first.startTs(), first.acceptTs(), first.endTs() + lateSeconds, first.result(),
                first.durationSec() + (first.connected() ? lateSeconds : 0), first.participants());
    }

    /** Someone not in the call yet, named after a participant as group callees are after their caller. */
    private static String lateJoiner(CallFigures call) {
        return (call.participants().isEmpty() ? "nobody" : call.participants().get(0)) + "-late";
    }

    private void sendDue(long bySecond, Consumer<StatsChange> sink) {
        while (!pending.isEmpty() && pending.peek().second() <= bySecond) {
            sink.accept(pending.poll().change());
        }
    }
}
