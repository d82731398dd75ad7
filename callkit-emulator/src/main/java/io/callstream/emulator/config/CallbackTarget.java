package io.callstream.emulator.config;

import java.util.Optional;

/**
 * Where an app's callbacks go right now, and which: the sender asks before every callback, so a configuration
 * changed through the API takes effect for the next one, as at the vendor. Empty when the app has none (nothing is
 * sent).
 */
@FunctionalInterface
public interface CallbackTarget {

    Optional<CallbackConfig> current(long sdkAppId);

    /** The same configuration for every app, whatever the API says: for runs without the configuration API. */
    static CallbackTarget fixed(CallbackConfig config) {
        Optional<CallbackConfig> answer = Optional.of(config);
        return sdkAppId -> answer;
    }
}
