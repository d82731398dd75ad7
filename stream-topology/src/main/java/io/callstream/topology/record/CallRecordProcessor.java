package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallKey;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.EventKind;
import io.callstream.topology.SkippedRecordLog;
import io.callstream.topology.SortableKeys;
import io.callstream.topology.ThrottledLog;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.fold.EventTimeWindow;
import io.callstream.topology.fold.IdleClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each call's events into its state and emits its record when final (rule R6).
 *
 * <p>Every call has exactly one pending action, due at {@link FoldedCall#deadlineMs()}: emit it (settle delay passed),
 * close it (idle timeout passed) or drop its state (retention passed). The deadlines are indexed by
 * {@code <deadline, zero-padded>|<call key>}, so the wall-clock punctuator reads only what is due — never a scan of
 * all open calls. A call without a record yet has its deadline in memory: it is one of the open calls, from which
 * {@link #init} rebuilds the index, and its deadline moves two or three times in seconds, each move a delete and a
 * put if it were a store entry. A recorded call's deadline (its state's retention, or a revision's settle delay) is
 * in a store ({@value #DEADLINE_STORE}): those calls are many and long-lived.
 *
 * <p>The idle deadline is lazy: an open call's index entry is not moved on every event (that would be two more store
 * writes and a changelog record per event); the event's fact carries its arrival time, and when the entry comes due
 * early, the punctuator moves it to {@code lastEventMs + idleTimeout}. So a callback writes one entry, its fact, until
 * the call has a record: when such a call opens or becomes complete, its phase and deadline follow from its facts
 * ({@link OpenCallSchedule}), and its state is written only when the punctuator moves its deadline or working it out
 * would cost too much. A recorded call's state is written whenever its phase changes.
 */
public final class CallRecordProcessor implements Processor<String, CallEvent, String, CallRecord> {

    public static final String STATE_STORE = "call-state";
    /** The logged facts of calls old enough to outlive their events in {@code callkit.events} ({@link StoredFacts}). */
    public static final String FACTS_STORE = "call-facts";
    /** Every event of {@code callkit.events} by call and offset ({@link EventLogStore}), restored from that topic. */
    public static final String EVENT_LOG_STORE = "call-events";
    public static final String DEADLINE_STORE = "call-deadlines";
    /**
     * Calls seen and not yet emitted (call key → wall-clock ms first seen), in memory and logged: the query API lists
     * calls in progress from it, {@link #init} rebuilds their deadlines from it, and their first idle deadline counts
     * from when they were first seen.
     */
    public static final String OPEN_CALLS_STORE = "open-calls";
    /** The open calls that were accepted, with their spans ({@link OpenCallSpans}): in memory, rebuilt at {@link #init}. */
    public static final String OPEN_SPANS_STORE = "open-call-spans";

    /**
     * Fold timings.
     *
     * @param retention       how long a call's state is kept after its last record, for late callbacks
     * @param eventsRetention what {@code callkit.events} keeps: a call's facts are read from its events until the call
     *                        is old enough to outlive them ({@link #logFactsAfter})
     */
    public record Timings(Duration settleDelay, Duration idleTimeout, Duration retention, Duration punctuateEvery,
                          EventsRetention eventsRetention) {

        /** Slack for the clocks of the brokers and this instance, and for a late punctuation. */
        static final Duration CLOCK_SLACK = Duration.ofHours(1);

        /**
         * How old (since its first event) a call may be before its facts are logged. A call not yet logged is touched
         * at least once per idle timeout while open, and at its every record; after the last, it lives at most the
         * retention more. So its events must outlive its age by the idle timeout, the settle delay and the retention.
         * Negative when the events topic keeps events for less than that, or not reliably: every fact is then logged.
         */
        public Duration logFactsAfter(Duration catchUpLag) {
            if (!eventsRetention.reliable()) {
                return Duration.ofMillis(-1);
            }
            return eventsRetention.kept().minus(retention).minus(idleTimeout).minus(settleDelay).minus(catchUpLag)
                    .minus(CLOCK_SLACK);
        }
    }

    /**
     * What one call and one punctuation may take.
     *
     * @param maxFactsPerCall      distinct callbacks one call may have; beyond, a new one is refused
     *                             ({@link RefusedEventException.Reason#TOO_MANY_FACTS}): completeness is decided over all
     *                             of a call's facts on each callback, so an unbounded call costs quadratic time and
     *                             unbounded state
     * @param eventTimes           how far a callback's times may lie from its receive time
     *                             ({@link RefusedEventException.Reason#TIMESTAMP_OUT_OF_WINDOW})
     * @param maxDuePerPunctuation due calls one punctuation handles; the rest wait for the next, so that a backlog of
     *                             due work never makes one oversized transaction
     * @param catchUpLag           reading events received longer ago than this is catching up on a backlog, when idle
     *                             timeouts are measured in stream time ({@link IdleClock})
     */
    public record Limits(int maxFactsPerCall, EventTimeWindow eventTimes, int maxDuePerPunctuation, Duration catchUpLag) {

        public Limits {
            if (maxFactsPerCall < 1 || maxDuePerPunctuation < 1 || catchUpLag.toMillis() < 1) {
                throw new IllegalArgumentException("fold limits must be positive: " + maxFactsPerCall + ", "
                        + maxDuePerPunctuation + ", " + catchUpLag);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CallRecordProcessor.class);

    private final Timings timings;
    private final Limits limits;
    /** A call older than this (since its first event) has its facts logged: {@link Timings#logFactsAfter}. */
    private final long logFactsAfterMs;
    private final ThrottledLog skippedLog = ThrottledLog.everyTenSeconds();
    private final SkippedRecordLog skippedRecords = new SkippedRecordLog(LOG);
    private final int cachedCalls;
    private final boolean openCallStateWritten;
    private final FoldListener listener;
    private ProcessorContext<String, CallRecord> context;
    private CallStateStore states;
    private KeyValueStore<String, String> deadlines;
    private OpenCallSpans spans;
    private IdleClock idleClock;
    /** The deadlines of calls without a record yet, keyed as the store's: rebuilt by {@link #init} from the open calls. */
    private final NavigableMap<String, String> soon = new TreeMap<>();
    /**
     * Every entry due before this was handled by an earlier sweep, so the next one starts here and not at zero: the
     * index is a queue, its handled entries are deleted, and RocksDB would step over their tombstones on every sweep
     * until a compaction drops them. Zero after {@link #init}, since restored entries may be due at any time.
     */
    private long sweptUpTo;
    /**
     * While every fact must be logged ({@link Timings#logFactsAfter} negative): the key from which the recorded calls
     * still have their facts to copy to {@value #FACTS_STORE}, a batch per punctuation, so that a task with many calls
     * neither starts late nor misses a poll; null when there are none left.
     */
    private String factsToLogFrom;

    /**
     * @param cachedCalls          how many calls per task to keep decoded in memory ({@link CallStateStore})
     * @param openCallStateWritten also write the state of calls without a record whenever their phase or deadline
     *                             changes, and of every open call when the task starts: what builds that cannot work
     *                             it out from the facts read (a rolling upgrade from one, or a rollback to one)
     */
    public CallRecordProcessor(Timings timings, Limits limits, int cachedCalls, boolean openCallStateWritten,
                               FoldListener listener) {
        this.timings = timings;
        this.logFactsAfterMs = timings.logFactsAfter(limits.catchUpLag()).toMillis();
        this.limits = limits;
        this.cachedCalls = cachedCalls;
        this.openCallStateWritten = openCallStateWritten;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, CallRecord> context) {
        this.context = context;
        // init runs again when a task is revived after its stores were wiped: start from an empty decoded cache.
        this.states = new CallStateStore(context.getStateStore(STATE_STORE), context.getStateStore(FACTS_STORE),
                context.getStateStore(EVENT_LOG_STORE), context.getStateStore(OPEN_CALLS_STORE),
                new OpenCallSchedule(timings.settleDelay(), timings.idleTimeout()),
                new EventAdmission(limits.eventTimes(), timings.eventsRetention().kept()), limits.maxFactsPerCall(),
                cachedCalls, listener, context::currentSystemTimeMs);
        this.deadlines = context.getStateStore(DEADLINE_STORE);
        this.spans = new OpenCallSpans(context.getStateStore(OPEN_SPANS_STORE));
        this.sweptUpTo = 0;
        this.idleClock = new IdleClock(limits.catchUpLag(), context.currentSystemTimeMs());
        // Calls of a time when their events sufficed: the open ones now, the recorded ones in batches (fireDue).
        this.factsToLogFrom = logFactsAfterMs < 0 ? "" : null;
        restoreOpenCalls();
        context.schedule(timings.punctuateEvery(), PunctuationType.WALL_CLOCK_TIME, this::fireDue);
    }

    @Override
    public void close() {
        states.clear();
        soon.clear();
    }

    @Override
    public void process(Record<String, CallEvent> record) {
        CallEvent event = record.value();
        if (event == null) {
            listener.nullEvent();
            skippedRecords.skipped(context, record.key(), "an event without a value");
            return;
        }
        String key = EventKey.of(record.key(), event); // refuses a key that is not the event's call: nothing changed yet
        if (event.getKind() == EventKind.unknown) {
            listener.unknownEvent(event.getCommand());
            return;
        }
        limits.eventTimes().violation(event).ifPresent(why -> {
            throw new RefusedEventException(RefusedEventException.Reason.TIMESTAMP_OUT_OF_WINDOW, why);
        });
        long now = context.currentSystemTimeMs();
        idleClock.read(event.getReceivedAtMs(), now);
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(Long.MAX_VALUE);
        FoldedCall state = states.get(key, offset);
        if (state != null && state.phase() == FoldedCall.Phase.EMITTED && state.deadlineMs() <= now) {
            drop(key, state, offset); // past its retention, its facts may be gone from the events topic: a new call
            state = null;
        }
        CallFact fact = CallFact.of(event);
        if (state != null && state.factCount() >= limits.maxFactsPerCall() && !state.knows(fact)) {
            throw new RefusedEventException(RefusedEventException.Reason.TOO_MANY_FACTS, "call " + key + " has "
                    + state.factCount() + " distinct callbacks, the most one call may have (CALLSTREAM_MAX_FACTS_PER_CALL)");
        }
        if (state == null) {
            state = states.open(key, now, offset);
        }
        if (!state.add(fact, now)) {
            listener.duplicate();
            return;
        }
        state.eventAt(record.timestamp());
        states.addFact(key, state, fact, now);
        states.logFactsIfOlder(key, state, now, logFactsAfterMs);
        long dueBefore = state.deadlineMs();
        switch (state.phase()) {
            case OPEN -> {
                CallRecordFolder.Progress progress = CallRecordFolder.progress(state.facts());
                if (progress.complete()) {
                    reschedule(key, state, FoldedCall.Phase.SETTLING, now + timings.settleDelay().toMillis());
                } else if (state.deadlineMs() == 0) {
                    reschedule(key, state, FoldedCall.Phase.OPEN, now + timings.idleTimeout().toMillis());
                }
                spans.track(key, state, progress);
            }
            case SETTLING -> {
                // already due for emission: the settle delay absorbs this event too
            }
            case EMITTED -> {
                if (!sameRecord(fold(key, state).record(), state.lastEmitted())) {
                    reschedule(key, state, FoldedCall.Phase.SETTLING, now + timings.settleDelay().toMillis());
                }
            }
        }
        if (state.deadlineMs() != dueBefore && writesState(state)) { // rescheduled: the phase or its deadline changed
            states.save(key, state);
        }
    }

    /**
     * Handles what is due by {@code now}, at most {@link Limits#maxDuePerPunctuation} calls: the calls without a record
     * first (in memory), then the recorded ones (from the store, from where the last sweep stopped).
     */
    private void fireDue(long now) {
        int max = limits.maxDuePerPunctuation();
        List<KeyValue<String, String>> due = new ArrayList<>();
        SortedMap<String, String> dueSoon = soon.headMap(indexKey(now, "\uffff"));
        for (var it = dueSoon.entrySet().iterator(); it.hasNext() && due.size() < max; ) {
            var entry = it.next();
            due.add(KeyValue.pair(entry.getKey(), entry.getValue()));
            it.remove();
        }
        int inMemory = due.size();
        if (due.size() < max) {
            boolean sweptAll = true;
            try (KeyValueIterator<String, String> it = deadlines.range(indexKey(sweptUpTo, ""), indexKey(now, "\uffff"))) {
                while (it.hasNext()) {
                    if (due.size() == max) {
                        sweptAll = false;
                        break;
                    }
                    due.add(it.next());
                }
            }
            // Entries rescheduled below are due later than now; when the batch is full, the next sweep starts at the
            // deadline of the last entry taken, which may share it with entries not yet taken.
            sweptUpTo = sweptAll ? now : deadlineOf(due.get(due.size() - 1).key);
        }
        for (int i = 0; i < due.size(); i++) {
            KeyValue<String, String> entry = due.get(i);
            if (i >= inMemory) {
                deadlines.delete(entry.key);
            }
            String key = entry.value;
            FoldedCall state = storedState(key);
            if (state == null || !entry.key.equals(indexKey(state.deadlineMs(), key))) {
                if (i < inMemory && state != null) {
                    indexAgain(key, state);
                }
                continue; // superseded by a later reschedule
            }
            state.deadlineReached(); // its entry is deleted above: rescheduling must not delete it again
            switch (state.phase()) {
                case OPEN -> {
                    long idleUntil = state.lastEventMs() + timings.idleTimeout().toMillis();
                    states.logFactsIfOlder(key, state, now, logFactsAfterMs);
                    if (idleUntil > now) { // events came since this entry was written: not idle yet
                        reschedule(key, state, FoldedCall.Phase.OPEN, idleUntil);
                        states.save(key, state);
                        continue;
                    }
                    if (!idleClock.idle(state.lastEventMs(), latestEventMs(state), timings.idleTimeout(), now)) {
                        // Catching up on a backlog that may hold this call's next callbacks: look again later.
                        reschedule(key, state, FoldedCall.Phase.OPEN, now + limits.catchUpLag().toMillis());
                        states.save(key, state);
                        listener.idleTimeoutHeld();
                        continue;
                    }
                    state.markTimedOut();
                    emit(key, state, now);
                }
                case SETTLING -> emit(key, state, now);
                case EMITTED -> drop(key, state, Long.MAX_VALUE);
            }
        }
        if (factsToLogFrom != null) {
            logFactsOfRecordedCalls(now);
        }
    }

    /** Copies the facts of the next batch of recorded calls to {@value #FACTS_STORE}: see {@link #factsToLogFrom}. */
    private void logFactsOfRecordedCalls(long now) {
        CallStateStore.StateKeys batch = states.stateKeys(factsToLogFrom, limits.maxDuePerPunctuation());
        for (String key : batch.keys()) {
            FoldedCall state = storedState(key, states::peek);
            if (state != null) {
                states.logFactsIfOlder(key, state, now, -1);
            }
        }
        factsToLogFrom = batch.next();
        if (factsToLogFrom == null) {
            LOG.atInfo().addKeyValue("task", context.taskId()).log("every call of the task has its facts in {}",
                    FACTS_STORE);
        }
    }

    /**
     * A call without a record read back with a deadline its in-memory entry does not have (its stored facts said
     * otherwise than when the entry was made): it must not be left without an entry, or it would never come due.
     */
    private void indexAgain(String key, FoldedCall state) {
        String due = indexKey(state.deadlineMs(), key);
        if (state.lastEmitted() == null && state.deadlineMs() != 0 && !soon.containsKey(due)) {
            soon.put(due, key);
            long held = skippedLog.tryLog();
            if (held >= 0) {
                LOG.atWarn().addKeyValue("key", key).addKeyValue("heldBackSinceLast", held)
                        .log("a call read back was due at another time than its in-memory deadline: indexed again");
            }
        }
    }

    /** Drops the call's state and its events before {@code beforeOffset}. */
    private void drop(String key, FoldedCall state, long beforeOffset) {
        if (state.deadlineMs() != 0) {
            deadlines.delete(indexKey(state.deadlineMs(), key));
        }
        states.delete(key, state, beforeOffset);
        listener.stateDropped();
    }

    /** Whether a callback that rescheduled the call writes its state: not when its facts say as much (the fact is stored). */
    private boolean writesState(FoldedCall state) {
        return state.lastEmitted() != null || openCallStateWritten || OpenCallSchedule.isWritten(state.factCount());
    }

    /** The latest event time of the call's callbacks, in milliseconds; null when none says. */
    private static Long latestEventMs(FoldedCall state) {
        Long latest = state.facts().isEmpty() ? null : state.facts().last().eventTime(); // facts sort by event time
        return latest == null ? null : latest * 1000;
    }

    private void emit(String key, FoldedCall state, long now) {
        CallRecordFolder.Folded folded = fold(key, state);
        CallRecord previous = state.lastEmitted();
        if (!sameRecord(folded.record(), previous)) {
            int revision = previous == null ? 1 : previous.getRevision() + 1;
            if (previous == null) {
                states.recorded(key);
                spans.recorded(key, state);
            }
            CallRecord record = folded.record();
            record.setRevision(revision);
            context.forward(new Record<>(key, record, now));
            state.emitted(record);
            listener.emitted(revision, state.timedOut());
            for (int i = 0; i < folded.anomalies(); i++) {
                listener.anomaly();
            }
        }
        states.logFactsIfOlder(key, state, now, logFactsAfterMs);
        reschedule(key, state, FoldedCall.Phase.EMITTED, now + timings.retention().toMillis());
        states.saveEmitted(key, state);
    }

    /**
     * What is kept in memory only, the open calls' deadlines and spans, filled from the open calls the stores hold
     * (after a restart, a restore or a move of this partition). Reading the calls also warms the decoded cache.
     */
    private void restoreOpenCalls() {
        soon.clear();
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, String> it = spans.all()) {
            it.forEachRemaining(kv -> stale.add(kv.key));
        }
        stale.forEach(spans::forget);
        for (String key : states.openCallKeys()) {
            FoldedCall state = storedState(key);
            if (state == null || state.lastEmitted() != null) {
                continue;
            }
            if (state.deadlineMs() != 0) {
                soon.put(indexKey(state.deadlineMs(), key), key);
            }
            if (openCallStateWritten) {
                states.save(key, state); // a call opened while no state was written has none yet
            }
            if (factsToLogFrom != null) {
                states.logFactsIfOlder(key, state, context.currentSystemTimeMs(), -1);
            }
            spans.track(key, state, CallRecordFolder.progress(state.facts()));
        }
    }

    /**
     * The call's state, or null when its entry cannot be a call's: a key that is not {@code <sdkAppId>/<callId>} (kept
     * by a version that did not refuse them) or bytes that do not decode. Such an entry is skipped, counted and
     * logged at a bounded rate: the sweep and the restore of all other calls must go on.
     */
    private FoldedCall storedState(String key) {
        return storedState(key, states::get);
    }

    private FoldedCall storedState(String key, Function<String, FoldedCall> read) {
        try {
            CallKey.parse(key);
            return read.apply(key);
        } catch (SerializationException | IllegalArgumentException | IllegalStateException e) {
            listener.skippedEntry();
            long held = skippedLog.tryLog();
            if (held >= 0) {
                LOG.atWarn().addKeyValue("key", key).addKeyValue("heldBackSinceLast", held)
                        .log("stored call entry skipped: {}", e.toString());
            }
            return null;
        }
    }

    private static CallRecordFolder.Folded fold(String key, FoldedCall state) {
        CallKey callKey = CallKey.parse(key);
        return CallRecordFolder.fold(callKey.sdkAppId(), callKey.callId(), state.facts(), state.timedOut());
    }

    /** Equal but for the revision number: a retry or an event that changes nothing emits nothing (R6). */
    private static boolean sameRecord(CallRecord folded, CallRecord emitted) {
        if (emitted == null) {
            return false;
        }
        folded.setRevision(emitted.getRevision()); // folded is a fresh record: safe to number
        return folded.equals(emitted);
    }

    private void reschedule(String key, FoldedCall state, FoldedCall.Phase phase, long deadline) {
        boolean inMemory = state.lastEmitted() == null; // only emit() records a call, after its entry is gone
        if (state.deadlineMs() != 0) {
            String old = indexKey(state.deadlineMs(), key);
            if (inMemory) {
                soon.remove(old);
            } else {
                deadlines.delete(old);
            }
        }
        state.schedule(phase, deadline);
        if (inMemory) {
            soon.put(indexKey(deadline, key), key);
        } else {
            deadlines.put(indexKey(deadline, key), key);
            sweptUpTo = Math.min(sweptUpTo, deadline); // only if the wall clock went back: the next sweep must see it
        }
    }

    /** Deadline first, zero-padded, so that the store's byte order is time order. */
    static String indexKey(long deadlineMs, String callKey) {
        return SortableKeys.padded(deadlineMs) + "|" + callKey;
    }

    private static long deadlineOf(String indexKey) {
        return Long.parseLong(indexKey.substring(0, indexKey.indexOf('|')));
    }
}
