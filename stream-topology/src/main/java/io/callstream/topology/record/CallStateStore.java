package io.callstream.topology.record;

import io.callstream.topology.fold.CallFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The fold's per-call state over its stores, with the recently used calls kept decoded in memory.
 *
 * <p>Why apart: a call's facts only grow, so each is written once, as its own entry ({@code call-facts}, key
 * {@code <length>:<call key>#<sequence>}) with its arrival time, and the small rest ({@code call-state}) is written
 * only when it cannot be worked out from the facts. A call kept as one value would re-encode and re-log all its facts
 * on every callback: its bytes written grow with the square of its callbacks.
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

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, FoldedCall> states;
    private final KeyValueStore<String, ArrivedFact> facts;
    private final KeyValueStore<String, Long> openCalls;
    private final OpenCallSchedule schedule;
    private final Map<String, FoldedCall> decoded;
    private final FoldListener listener;

    /** @param openCalls call key → when the call was first seen, for every call without a record */
    CallStateStore(KeyValueStore<String, FoldedCall> states, KeyValueStore<String, ArrivedFact> facts,
                   KeyValueStore<String, Long> openCalls, OpenCallSchedule schedule, int cachedCalls, FoldListener listener) {
        this.states = states;
        this.facts = facts;
        this.openCalls = openCalls;
        this.schedule = schedule;
        this.listener = listener;
        this.decoded = new LinkedHashMap<>(Math.min(cachedCalls, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FoldedCall> eldest) {
                return size() > cachedCalls;
            }
        };
    }

    /** The call's state with all its facts, or null when the call is unknown. */
    FoldedCall get(String callKey) {
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
        List<ArrivedFact> arrived = new ArrayList<>();
        try (KeyValueIterator<String, ArrivedFact> it = facts.prefixScan(factPrefix(callKey), KEYS)) {
            it.forEachRemaining(kv -> arrived.add(kv.value)); // in sequence order: the order they arrived in
        }
        arrived.forEach(state::restore);
        if (firstSeenMs != null && state.lastEmitted() == null) {
            schedule.resume(state, arrived, firstSeenMs);
        }
        decoded.put(callKey, state);
        listener.callReadBack();
        return state;
    }

    /** A call seen for the first time at {@code nowMs}: its state, empty until its first fact is added. */
    FoldedCall open(String callKey, long nowMs) {
        openCalls.put(callKey, nowMs);
        return FoldedCall.empty();
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
     * Stores a fact just {@link FoldedCall#add added} to the state (it took sequence number factCount - 1), and keeps
     * the state decoded. The state's own entry is not rewritten: the fact carries its arrival time.
     */
    void addFact(String callKey, FoldedCall state, CallFact fact, long arrivedMs) {
        facts.put(factKey(callKey, state.factCount() - 1), new ArrivedFact(fact, arrivedMs));
        decoded.put(callKey, state);
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

    /** Drops the call: its state and every fact. */
    void delete(String callKey, FoldedCall state) {
        for (int seq = 0; seq < state.factCount(); seq++) {
            facts.delete(factKey(callKey, seq));
        }
        states.delete(callKey);
        decoded.remove(callKey);
    }

    /** Forgets the decoded copies (the stores may have been restored or wiped underneath). */
    void clear() {
        decoded.clear();
    }

    /** Length-prefixed, so that no call key is a prefix of another's facts, whatever characters a CallId holds. */
    static String factPrefix(String callKey) {
        return callKey.length() + ":" + callKey + "#";
    }

    static String factKey(String callKey, int sequence) {
        String digits = Integer.toString(sequence);
        return factPrefix(callKey) + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }
}
