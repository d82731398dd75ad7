package io.callstream.emulator.config;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The configurations the API manages, per app, in memory. Thread-safe; the sender reads it as a {@link CallbackTarget}. */
public final class CallbackConfigStore implements CallbackTarget {

    private final Map<Long, CallbackConfig> configs = new ConcurrentHashMap<>();

    @Override
    public Optional<CallbackConfig> current(long sdkAppId) {
        return Optional.ofNullable(configs.get(sdkAppId));
    }

    /** Creates or replaces ("repeated calls: last wins"). */
    public void set(long sdkAppId, CallbackConfig config) {
        configs.put(sdkAppId, config);
    }

    /** Replaces an existing configuration; false (and nothing changes) when the app has none. */
    public boolean update(long sdkAppId, CallbackConfig config) {
        return configs.computeIfPresent(sdkAppId, (app, old) -> config) != null;
    }

    /** Removes the app's configuration; false when it had none. */
    public boolean delete(long sdkAppId) {
        return configs.remove(sdkAppId) != null;
    }
}
