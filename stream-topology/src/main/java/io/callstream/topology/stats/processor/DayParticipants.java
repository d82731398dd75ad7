package io.callstream.topology.stats.processor;

import io.callstream.schemas.CallScope;
import io.callstream.topology.stats.CallFigures;
import io.callstream.topology.stats.DistinctUsers;
import io.callstream.topology.stats.StatsChange;
import io.callstream.topology.stats.StatsZone;
import io.callstream.topology.stats.UserCalls;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.datasketches.theta.Union;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each day's participants (R8) per app and scope: one by one ({@value StatsStores#DAY_USERS}: how many of the day's
 * calls each user joined, by type) while a revision may still take a user out of a day, and as a Theta sketch
 * ({@value StatsStores#DAY_SKETCHES}) that ranges of days are merged from.
 *
 * <p>The sketch of a recent day is derived from its users: kept in memory as a union while users join, written at each
 * publication, and rebuilt from the users whenever it is missing (after a restart) or a user left the day (a sketch
 * cannot take one out). Once a day is older than the revision horizon its users are dropped and its sketch is final,
 * except that a late join is still added to it.
 */
final class DayParticipants {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final int UNIONS_KEPT = 256;

    private final KeyValueStore<String, String> users;
    private final KeyValueStore<String, byte[]> sketches;
    private final StatsZone zone;
    private final StatsListener listener;
    /** Unions of recent days, by day key; derived, so evicting or clearing one loses nothing. */
    private final Map<String, Union> unions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Union> eldest) {
            return size() > UNIONS_KEPT;
        }
    };

    DayParticipants(KeyValueStore<String, String> users, KeyValueStore<String, byte[]> sketches, StatsZone zone,
                    StatsListener listener) {
        this.users = users;
        this.sketches = sketches;
        this.zone = zone;
        this.listener = listener;
    }

    /**
     * Applies a change's participants.
     *
     * @param frozenBefore days before this keep no users one by one
     * @param changed      called with the day key of each day and scope whose participants changed
     */
    void apply(StatsChange change, LocalDate frozenBefore, LocalDate oldestKept, Consumer<String> changed) {
        long app = change.sdkAppId();
        Map<String, UserCalls> deltas = new HashMap<>();
        collect(deltas, change.before(), app, -1);
        collect(deltas, change.after(), app, +1);
        deltas.forEach((key, delta) -> {
            if (delta.isNone()) {
                return;
            }
            LocalDate day = LocalDate.parse(key.substring(0, key.indexOf('|')));
            if (day.isBefore(oldestKept)) {
                return;
            }
            String user = key.substring(StatsStores.dayUserPrefix(day, app).length());
            if (day.isBefore(frozenBefore)) {
                applyFrozen(app, day, user, delta, changed);
                return;
            }
            String stored = users.get(key);
            UserCalls before = stored == null ? UserCalls.NONE : UserCalls.decode(stored);
            UserCalls after = before.plus(delta);
            if (after.isNone()) {
                users.delete(key);
            } else {
                users.put(key, after.encode());
            }
            for (CallScope scope : CallScope.values()) {
                boolean was = before.in(scope) > 0;
                boolean is = after.in(scope) > 0;
                if (was == is) {
                    continue;
                }
                String dayKey = StatsStores.dayKey(app, scope, day);
                if (is) {
                    Union union = unions.get(dayKey);
                    if (union != null) {
                        union.update(user);
                    } // else: rebuilt from the users when next needed
                } else {
                    unions.remove(dayKey); // a sketch cannot take a user out: rebuild it
                }
                changed.accept(dayKey);
            }
        });
    }

    private void collect(Map<String, UserCalls> deltas, CallFigures f, long app, int sign) {
        if (f == null || f.startTs() == null) {
            return;
        }
        LocalDate day = zone.dayOf(f.startTs());
        UserCalls one = UserCalls.one(f.type(), sign);
        for (String user : f.participants()) {
            deltas.merge(StatsStores.dayUserKey(day, app, user), one, UserCalls::plus);
        }
    }

    private void applyFrozen(long app, LocalDate day, String user, UserCalls delta, Consumer<String> changed) {
        for (CallScope scope : CallScope.values()) {
            int n = delta.in(scope);
            if (n > 0) {
                String dayKey = StatsStores.dayKey(app, scope, day);
                union(dayKey, true).update(user);
                changed.accept(dayKey);
            } else if (n < 0) {
                listener.removalNotApplied();
            }
        }
    }

    /** Writes a day's sketch as it is now; returns it (null when the day has no participant). */
    byte[] refresh(String dayKey, LocalDate frozenBefore) {
        StatsStores.ScopedKey key = StatsStores.ScopedKey.parse(dayKey);
        Union union = union(dayKey, LocalDate.parse(key.rest()).isBefore(frozenBefore));
        if (union.getResult().isEmpty()) {
            sketches.delete(dayKey);
            return null;
        }
        byte[] sketch = DistinctUsers.serialize(union);
        sketches.put(dayKey, sketch);
        return sketch;
    }

    /** A day's sketch as last written (null when the day has no participant). */
    byte[] sketch(String dayKey) {
        return sketches.get(dayKey);
    }

    /** Forgets a day's sketch (the day has no call left). */
    void delete(String dayKey) {
        sketches.delete(dayKey);
        unions.remove(dayKey);
    }

    /** Drops the users of days before {@code frozenBefore}; their sketches are final from now on. */
    void freezeBefore(LocalDate frozenBefore) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> it = users.range(null, frozenBefore.toString())) {
            it.forEachRemaining(kv -> old.add(kv.key));
        }
        old.forEach(users::delete);
    }

    /** Forgets the derived unions (the stores may have been restored underneath). */
    void clear() {
        unions.clear();
    }

    private Union union(String dayKey, boolean frozen) {
        Union union = unions.get(dayKey);
        if (union == null) {
            union = frozen ? fromSketch(dayKey) : fromUsers(dayKey);
            unions.put(dayKey, union);
        }
        return union;
    }

    private Union fromSketch(String dayKey) {
        Union union = DistinctUsers.union();
        byte[] stored = sketches.get(dayKey);
        if (stored != null) {
            DistinctUsers.merge(union, stored);
        }
        return union;
    }

    private Union fromUsers(String dayKey) {
        StatsStores.ScopedKey key = StatsStores.ScopedKey.parse(dayKey);
        String prefix = StatsStores.dayUserPrefix(LocalDate.parse(key.rest()), key.app());
        Union union = DistinctUsers.union();
        try (KeyValueIterator<String, String> it = users.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                if (UserCalls.decode(kv.value).in(key.scope()) > 0) {
                    union.update(kv.key.substring(prefix.length()));
                }
            }
        }
        return union;
    }
}
