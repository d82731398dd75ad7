package io.callstream.topology.query.auth;

import io.callstream.service.Env;
import io.callstream.service.Env.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The secret key of each app the query APIs serve, from {@code CALLSTREAM_SECRET_KEYS}:
 * {@code <sdkappid>:<secret key>[,<sdkappid>:<secret key>...]} (the key as the console shows it).
 *
 * <p>No message, log line or {@link #toString} ever contains a key: errors name an entry by its position and its
 * sdkappid only, because a malformed entry may be nothing but a key pasted without its app.
 */
public final class AppSecretKeys {

    public static final String VARIABLE = "CALLSTREAM_SECRET_KEYS";

    private final Map<Long, String> keys;

    private AppSecretKeys(Map<Long, String> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** Reads {@value #VARIABLE}, which must be set (Env masks its value in the effective-configuration log). */
    public static AppSecretKeys from(Env env) {
        return parse(env.required(VARIABLE, "set it to <sdkappid>:<secret key>[,<sdkappid>:<secret key>...], "
                + "one entry per app whose records the query APIs serve"));
    }

    /** @throws ConfigException naming the variable and the entry that is wrong, never echoing a key */
    public static AppSecretKeys parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(VARIABLE + " is empty: give at least one <sdkappid>:<secret key>");
        }
        Map<Long, String> keys = new LinkedHashMap<>();
        String[] entries = text.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            String where = VARIABLE + " entry " + (i + 1) + " of " + entries.length;
            if (entry.isEmpty()) {
                throw new ConfigException(where + " is empty: remove the extra comma");
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new ConfigException(where + " has no ':': write it as <sdkappid>:<secret key>");
            }
            long app = sdkAppId(entry.substring(0, colon).trim(), where);
            String key = entry.substring(colon + 1).trim();
            if (key.isEmpty()) {
                throw new ConfigException(where + " (sdkappid " + app + ") has an empty secret key");
            }
            if (keys.putIfAbsent(app, key) != null) {
                throw new ConfigException(where + " repeats sdkappid " + app + ": give each app one key");
            }
        }
        return new AppSecretKeys(keys);
    }

    private static long sdkAppId(String text, String where) {
        long app;
        try {
            app = isAsciiDigits(text) ? Long.parseLong(text) : -1;
        } catch (NumberFormatException e) {
            app = -1; // more digits than a long holds
        }
        if (app <= 0) {
            // The text before the colon is meant to be the sdkappid, but may be a key pasted in the wrong order.
            String shown = text.length() <= 20 && isAsciiDigits(text) ? " (got '" + text + "')" : "";
            throw new ConfigException(where + " must start with a positive integer sdkappid" + shown
                    + " before the ':'");
        }
        return app;
    }

    private static boolean isAsciiDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public Set<Long> apps() {
        return keys.keySet();
    }

    /** The app's key, or null when the app is not configured. */
    String keyOf(long sdkAppId) {
        return keys.get(sdkAppId);
    }

    @Override
    public String toString() {
        return "AppSecretKeys" + apps();
    }
}
