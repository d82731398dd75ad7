package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.topology.fold.CallFact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The fold's per-call state over its stores, with the recently used calls kept decoded in memory.
 *
 * <p>Why apart: a call's facts only grow, and they are the events themselves: the event log keeps them
 * ({@link StoredFacts}), so a callback writes no fact, and the small rest ({@code call-state}) is written only when it
 * cannot be worked out from the facts. A call kept as one value would re-encode and re-log all its facts on every
 * callback: its bytes written grow with the square of its callbacks.
 *
 * <p>A call without a record has an entry in {@code open-calls} (when it was first seen) and, as a rule, none in
 * {@code call-state}: its phase and deadline follow from its facts ({@link OpenCallSchedule}). Its state is written
 * when the punctuator moves its idle deadline, when it becomes complete only after
 * {@value OpenCallSchedule#REPLAYED_FACTS} facts, and from its first record on whenever its phase changes.
 *
 * <p>Why a decoded cache: most callbacks of a call arrive while its state is hot, so reading it back means neither a
 * store lookup nor decoding its facts. The cache only ever holds what the stores hold or imply (every change is
 * written through), so dropping it — as {@link #clear()} does whenever the task is (re)initialized — loses nothing.
 */
final class CallStateStore {

    private final KeyValueStore<String, FoldedCall> states;
    private final KeyValueStore<String, ArrivedFact> facts;
    private final KeyValueStore<String, ValueAndTimestamp<CallEvent>> events;
    private final EventLogEntries eventEntries;
    private final KeyValueStore<String, Long> openCalls;
    private final OpenCallSchedule schedule;
    private final EventAdmission admission;
    private final int maxFacts;
    private final Map<String, FoldedCall> decoded;
    private final FoldListener listener;
    private final LongSupplier clock;

    /**
     * @param facts     the logged facts of calls old enough to outlive their events' retention
     * @param events    the event log ({@link EventLogStore})
     * @param openCalls call key → when the call was first seen, for every call without a record
     * @param clock     the wall clock, in milliseconds: which events are still facts ({@link EventAdmission})
     */
    CallStateStore(KeyValueStore<String, FoldedCall> states, KeyValueStore<String, ArrivedFact> facts,
                   KeyValueStore<String, ValueAndTimestamp<CallEvent>> events, KeyValueStore<String, Long> openCalls,
                   OpenCallSchedule schedule, EventAdmission admission, int maxFacts, int cachedCalls,
                   FoldListener listener, LongSupplier clock) {
        this.states = states;
        this.facts = facts;
        this.events = events;
        this.eventEntries = EventLogEntries.of(events);
        this.openCalls = openCalls;
        this.schedule = schedule;
        this.admission = admission;
        this.maxFacts = maxFacts;
        this.listener = listener;
        this.clock = clock;
        this.decoded = new LinkedHashMap<>(Math.min(cachedCalls, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FoldedCall> eldest) {
                return size() > cachedCalls;
            }
        };
    }

    /** The call's state with all its facts, or null when the call is unknown. */
    FoldedCall get(String callKey) {
        return get(callKey, Long.MAX_VALUE);
    }

    /** The call's state from what was stored before the event at {@code beforeOffset}, or null when it is unknown. */
    FoldedCall get(String callKey, long beforeOffset) {
        return read(callKey, beforeOffset, true);
    }

    /**
     * The call's state with all its facts, or null when the call is unknown, read without making it a decoded call:
     * for a walk over many calls, which would push the calls in progress out of the decoded calls.
     */
    FoldedCall peek(String callKey) {
        return read(callKey, Long.MAX_VALUE, false);
    }

    private FoldedCall read(String callKey, long beforeOffset, boolean keepDecoded) {
        FoldedCall state = decoded.get(callKey);
        if (state != null) {
            return state;
        }
        Long firstSeenMs = openCalls.get(callKey);
        state = states.get(callKey);
        if (state == null) {
            if (firstSeenMs == null) {
                return null;
            }
            state = FoldedCall.empty();
        }
        StoredFacts.Read read = StoredFacts.read(facts, events, callKey, beforeOffset, admission, clock.getAsLong(),
                maxFacts);
        read.arrived().forEach(state::restore);
        state.stored(read.logged(), read.firstEventTimestamp());
        if (firstSeenMs != null && state.lastEmitted() == null) {
            schedule.resume(state, read.arrived(), firstSeenMs);
        }
        if (keepDecoded) {
            decoded.put(callKey, state);
        }
        listener.callReadBack();
        return state;
    }

    /**
     * A call seen for the first time at {@code nowMs}: its state, empty until its first fact is added.
     *
     * <p>Events of the key before {@code beforeOffset} are no facts of this call: refused ones, or those of a call of
     * that key dropped earlier. The event log forgets them, but a restore would bring them back
     * ({@link EventLogEntries}), so such a call's facts are logged from its first on, and read from there alone.
     */
    FoldedCall open(String callKey, long nowMs, long beforeOffset) {
        boolean keyUsedBefore = eventEntries.forgetAllButNewest(callKey, beforeOffset);
        openCalls.put(callKey, nowMs);
        FoldedCall state = FoldedCall.empty();
        if (keyUsedBefore) {
            state.stored(0, Long.MAX_VALUE);
        }
        return state;
    }

    /** The call got its first record: it is no longer open. */
    void recorded(String callKey) {
        openCalls.delete(callKey);
    }

    /** Every call without a record, by key. */
    List<String> openCallKeys() {
        List<String> open = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = openCalls.all()) {
            it.forEachRemaining(kv -> open.add(kv.key));
        }
        return open;
    }

    /**
     * Keeps a fact just {@link FoldedCall#add added} to the state (it took sequence number factCount - 1): its event is
     * in the event log already; a call whose facts are logged writes it there too.
     */
    void addFact(String callKey, FoldedCall state, CallFact fact, long arrivedMs) {
        if (state.loggedFacts() >= 0) {
            facts.put(StoredFacts.factKey(callKey, state.loggedFacts()), new ArrivedFact(fact, arrivedMs));
            state.stored(state.loggedFacts() + 1, state.firstEventTimestamp());
        }
        decoded.put(callKey, state);
    }

    /**
     * Copies the call's facts to the logged facts store if its first event is older than {@code logAfterMs} (and they
     * are not there yet): the events topic may forget its events before the call is dropped. The facts keep the order
     * and the arrivals of their events, so that the call reads back from them as it did from its events (a settling
     * call is due when it was); a fact whose event is no longer in the log comes last, with the state's last arrival.
     */
    void logFactsIfOlder(String callKey, FoldedCall state, long nowMs, long logAfterMs) {
        if (state.loggedFacts() >= 0 || (logAfterMs >= 0 && nowMs - state.firstEventTimestamp() <= logAfterMs)) {
            return;
        }
        List<ArrivedFact> all = new ArrayList<>();
        Set<CallFact> kept = new HashSet<>();
        for (ArrivedFact read : StoredFacts.read(facts, events, callKey, Long.MAX_VALUE, admission, nowMs,
                Integer.MAX_VALUE).arrived()) {
            if (state.knows(read.fact()) && kept.add(read.fact())) { // not one refused beyond the cap
                all.add(read);
            }
        }
        for (CallFact fact : state.facts()) {
            if (kept.add(fact)) {
                all.add(new ArrivedFact(fact, state.lastEventMs()));
            }
        }
        for (int seq = 0; seq < all.size(); seq++) {
            facts.put(StoredFacts.factKey(callKey, seq), all.get(seq));
        }
        state.stored(all.size(), state.firstEventTimestamp());
        listener.factsLogged(all.size());
    }

    /**
     * Stores the state's life-cycle fields (not its facts), which a call without a record needs only when they do not
     * follow from its facts ({@link OpenCallSchedule}).
     */
    void save(String callKey, FoldedCall state) {
        states.put(callKey, state);
        decoded.put(callKey, state);
    }

    /**
     * Stores the state of a call just emitted, and stops keeping it decoded: a call's callbacks normally end before
     * its record, so it is not expected back (a late callback reads it from the stores), and the room is worth more to
     * the calls still in progress: a cache sized about as large as the calls in progress would otherwise lose an open
     * call for each emitted one.
     */
    void saveEmitted(String callKey, FoldedCall state) {
        states.put(callKey, state);
        decoded.remove(callKey);
    }

    /** Whether the call is kept decoded (for tests of what the cache keeps). */
    boolean isDecoded(String callKey) {
        return decoded.containsKey(callKey);
    }

    /** Keys of stored states, in key order, and where the next batch starts (null when none is left). */
    record StateKeys(List<String> keys, String next) {
    }

    /**
     * Up to {@code max} keys of calls with a stored state, from {@code from} on; a state that cannot be decoded is
     * stepped over, not read, so its key is still listed (the caller reads each call guarded).
     */
    StateKeys stateKeys(String from, int max) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, FoldedCall> it = states.range(from, null)) {
            while (it.hasNext()) {
                String key = it.peekNextKey();
                if (keys.size() == max) {
                    return new StateKeys(keys, key);
                }
                keys.add(key);
                skip(it);
            }
        }
        return new StateKeys(keys, null);
    }

    private static void skip(KeyValueIterator<String, ?> it) {
        try {
            it.next();
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            // the key was peeked: the value is not needed
        }
    }

    /**
     * Drops the call: its state, its logged facts and its events before {@code beforeOffset} (the event being
     * processed, if any, is the next call's), but the newest ({@link EventLogEntries}).
     */
    void delete(String callKey, FoldedCall state, long beforeOffset) {
        for (int seq = 0; seq < state.loggedFacts(); seq++) {
            facts.delete(StoredFacts.factKey(callKey, seq));
        }
        eventEntries.forgetAllButNewest(callKey, beforeOffset);
        states.delete(callKey);
        decoded.remove(callKey);
    }

    /** Forgets the decoded copies (the stores may have been restored or wiped underneath). */
    void clear() {
        decoded.clear();
    }
}
