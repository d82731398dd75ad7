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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each day's participants (R8) per app and scope: a theta sketch ({@value StatsStores#DAY_SKETCHES}), which ranges of
 * days are merged from, and the day's users as they joined ({@value StatsStores#DAY_USERS}: in which types of call).
 *
 * <p>A user is written once per day and type, when first seen: a busy app's users call many times a day. The sketch is
 * kept in memory as a union and written at each publication; the users make it durable in between (written in the
 * transaction of the change that brought them), so a union missing from memory (a restart) is rebuilt from the
 * stored sketch and the users. A day's users are dropped a day after it ends; a late join to an older day is written
 * again, until the publication after it has written the sketch. A sketch cannot take a user out: a revision that
 * moves a call to another day or type leaves its participants counted where they were too
 * ({@link StatsListener#removalNotApplied}).
 */
final class DayParticipants {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final int UNIONS_KEPT = 256;

    private final KeyValueStore<String, String> users;
    private final KeyValueStore<String, byte[]> sketches;
    private final StatsZone zone;
    private final StatsListener listener;
    /** Unions of recent days, by day key; derived, so evicting or clearing one loses nothing. */
    private final Map<String, DistinctUsers> unions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DistinctUsers> eldest) {
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
     * @param changed called with the day key of each day and scope that gained a participant
     */
    void apply(StatsChange change, LocalDate oldestKept, Consumer<String> changed) {
        long app = change.sdkAppId();
        Map<DayUser, UserCalls> deltas = new HashMap<>();
        collect(deltas, change.before(), -1);
        collect(deltas, change.after(), +1);
        deltas.forEach((dayUser, delta) -> {
            LocalDate day = dayUser.day();
            if (delta.isNone() || day.isBefore(oldestKept)) {
                return;
            }
            String user = dayUser.user();
            String key = StatsStores.dayUserKey(day, app, user);
            String stored = users.get(key);
            UserCalls present = stored == null ? UserCalls.NONE : UserCalls.decode(stored);
            UserCalls now = present.with(delta);
            if (!now.equals(present)) {
                users.put(key, now.encode());
            }
            for (CallScope scope : CallScope.values()) {
                if (delta.in(scope) < 0) {
                    listener.removalNotApplied();
                } else if (delta.in(scope) > 0 && present.in(scope) == 0) {
                    String dayKey = StatsStores.dayKey(app, scope, day);
                    DistinctUsers union = unions.get(dayKey);
                    if (union != null) {
                        union.add(user);
                    } // else: rebuilt from the sketch and the users when next needed
                    changed.accept(dayKey);
                }
            }
        });
    }

    /** A user on a day: what one participant of a change counts for, before its store key is made. */
    private record DayUser(LocalDate day, String user) {
    }

    private void collect(Map<DayUser, UserCalls> deltas, CallFigures f, int sign) {
        if (f == null || f.startTs() == null) {
            return;
        }
        LocalDate day = zone.dayOf(f.startTs());
        UserCalls one = UserCalls.one(f.type(), sign);
        for (String user : f.participants()) {
            deltas.merge(new DayUser(day, user), one, UserCalls::plus);
        }
    }

    /** Writes a day's sketch as it is now; returns it (null when the day has no participant). */
    byte[] refresh(String dayKey) {
        DistinctUsers union = union(dayKey);
        if (union.isEmpty()) {
            sketches.delete(dayKey);
            return null;
        }
        byte[] sketch = union.serialize();
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

    /** Drops the users of days before {@code before}; their sketches hold them (written by the last publication). */
    void dropUsersBefore(LocalDate before) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> it = users.range(null, before.toString())) {
            it.forEachRemaining(kv -> old.add(kv.key));
        }
        old.forEach(users::delete);
    }

    /** Forgets the derived unions (the stores may have been restored underneath). */
    void clear() {
        unions.clear();
    }

    private DistinctUsers union(String dayKey) {
        DistinctUsers union = unions.get(dayKey);
        if (union == null) {
            union = rebuilt(dayKey);
            unions.put(dayKey, union);
        }
        return union;
    }

    /** The stored sketch and the users written since (both, since the users of an older day may be gone). */
    private DistinctUsers rebuilt(String dayKey) {
        DistinctUsers union = new DistinctUsers();
        byte[] stored = sketches.get(dayKey);
        if (stored != null) {
            union.merge(stored);
        }
        StatsStores.ScopedKey key = StatsStores.ScopedKey.parse(dayKey);
        String prefix = StatsStores.dayUserPrefix(LocalDate.parse(key.rest()), key.app());
        try (KeyValueIterator<String, String> it = users.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                if (UserCalls.decode(kv.value).in(key.scope()) > 0) {
                    union.add(kv.key.substring(prefix.length()));
                }
            }
        }
        return union;
    }
}
