package io.callstream.emulator.config;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * How the emulated configuration API behaves.
 *
 * @param secretKeys       the apps it knows, by SDKAppID, with the secret key their UserSigs are signed with
 * @param adminIdentifier  the admin account a request's {@code identifier} must name (the vendor's default name)
 * @param ratePerSecond    requests per second per app and API before 70005 (the vendor's: 10); 0 for no limit
 * @param groupPackage     false to emulate an app without the group-call package: every request gets 50001
 * @param clock            judges UserSig expiry and the rate windows
 */
public record ConfigApiSettings(Map<Long, String> secretKeys, String adminIdentifier, int ratePerSecond,
                                boolean groupPackage, Clock clock) {

    public static final String DEFAULT_ADMIN = "administrator";
    public static final int VENDOR_RATE_PER_SECOND = 10;

    public ConfigApiSettings {
        secretKeys = Map.copyOf(secretKeys);
        Objects.requireNonNull(adminIdentifier, "adminIdentifier");
        Objects.requireNonNull(clock, "clock");
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("ratePerSecond must be >= 0, got " + ratePerSecond);
        }
    }

    /** One app, the vendor's admin name and rate limit, the system clock. */
    public static ConfigApiSettings of(long sdkAppId, String secretKey) {
        return new ConfigApiSettings(Map.of(sdkAppId, secretKey), DEFAULT_ADMIN, VENDOR_RATE_PER_SECOND, true,
                Clock.systemUTC());
    }

    public ConfigApiSettings withRatePerSecond(int value) {
        return new ConfigApiSettings(secretKeys, adminIdentifier, value, groupPackage, clock);
    }

    public ConfigApiSettings withGroupPackage(boolean value) {
        return new ConfigApiSettings(secretKeys, adminIdentifier, ratePerSecond, value, clock);
    }

    public ConfigApiSettings withClock(Clock value) {
        return new ConfigApiSettings(secretKeys, adminIdentifier, ratePerSecond, groupPackage, value);
    }
}
