package io.callstream.topology.record;

import io.callstream.topology.fold.CallFact;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The fold's per-call state over two stores, with the recently used calls kept decoded in memory.
 *
 * <p>Why two stores: a call's facts only grow, so each is written once, as its own entry ({@code call-facts}, key
 * {@code <length>:<call key>#<sequence>}) with its arrival time, and the small rest ({@code call-state}) is rewritten
 * only when the call changes phase (three times in a call's life, typically). A call kept as one value would re-encode
 * and re-log all its facts on every callback: its bytes written grow with the square of its callbacks.
 *
 * <p>Why a decoded cache: most callbacks of a call arrive while its state is hot, so reading it back means neither a
 * store lookup nor decoding its facts. The cache only ever holds what the stores hold (every change is written
 * through), so dropping it — as {@link #clear()} does whenever the task is (re)initialized — loses nothing.
 */
final class CallStateStore {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, FoldedCall> states;
    private final KeyValueStore<String, ArrivedFact> facts;
    private final Map<String, FoldedCall> decoded;
    private final FoldListener listener;

    CallStateStore(KeyValueStore<String, FoldedCall> states, KeyValueStore<String, ArrivedFact> facts, int cachedCalls,
                   FoldListener listener) {
        this.states = states;
        this.facts = facts;
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
        state = states.get(callKey);
        if (state == null) {
            return null;
        }
        try (KeyValueIterator<String, ArrivedFact> it = facts.prefixScan(factPrefix(callKey), KEYS)) {
            while (it.hasNext()) {
                state.restore(it.next().value);
            }
        }
        decoded.put(callKey, state);
        listener.callReadBack();
        return state;
    }

    /**
     * Stores a fact just {@link FoldedCall#add added} to the state (it took sequence number factCount - 1), and keeps
     * the state decoded. The state's own entry is not rewritten: the fact carries its arrival time.
     */
    void addFact(String callKey, FoldedCall state, CallFact fact, long arrivedMs) {
        facts.put(factKey(callKey, state.factCount() - 1), new ArrivedFact(fact, arrivedMs));
        decoded.put(callKey, state);
    }

    /** Stores the state's life-cycle fields (not its facts): whenever they change. */
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
