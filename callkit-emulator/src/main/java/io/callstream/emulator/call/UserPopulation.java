package io.callstream.emulator.call;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The app's users, numbered {@code user-0001}...: each keeps one platform and client address for the whole run, so that
 * a participant's platform in the record is well defined (R4). Platforms are weighted like a typical mobile-first app.
 */
public final class UserPopulation {

    private static final Platform[] PLATFORMS = Platform.values();
    /** Percentages in the order of {@link Platform}: roughly the share a mobile-first app sees. */
    private static final int[] PLATFORM_WEIGHTS = {45, 35, 12, 8};

    private final List<User> users;

    public UserPopulation(int size, SplittableRandom random) {
        if (size < 2) {
            throw new IllegalArgumentException("a call needs at least 2 users, got " + size);
        }
        int digits = Math.max(4, Integer.toString(size).length());
        List<User> list = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            String id = String.format("user-%0" + digits + "d", i);
            String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            list.add(new User(id, pickPlatform(random), ip));
        }
        this.users = List.copyOf(list);
    }

    public int size() {
        return users.size();
    }

    public User get(int index) {
        return users.get(index);
    }

    /** {@code count} distinct users picked uniformly, none of them in {@code exclude}. */
    public List<User> pickDistinct(int count, List<User> exclude, SplittableRandom random) {
        if (count + exclude.size() > users.size()) {
            throw new IllegalArgumentException("cannot pick " + count + " users out of " + users.size());
        }
        List<User> picked = new ArrayList<>(count);
        while (picked.size() < count) {
            User candidate = users.get(random.nextInt(users.size()));
            if (!picked.contains(candidate) && !exclude.contains(candidate)) {
                picked.add(candidate);
            }
        }
        return picked;
    }

    private static Platform pickPlatform(SplittableRandom random) {
        int roll = random.nextInt(100);
        for (int i = 0; i < PLATFORMS.length; i++) {
            roll -= PLATFORM_WEIGHTS[i];
            if (roll < 0) {
                return PLATFORMS[i];
            }
        }
        return PLATFORMS[PLATFORMS.length - 1];
    }
}
