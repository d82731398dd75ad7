package io.callstream.service.usersig;

import io.callstream.service.Env;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code CALLSTREAM_USERSIG_MAX_LIFETIME_S}: the optional maximum lifetime {@link UserSigVerifier} enforces on top of
 * the vendor's rules. Unset or 0: none, the vendor's behaviour.
 */
public final class UserSigMaxLifetime {

    public static final String VARIABLE = "CALLSTREAM_USERSIG_MAX_LIFETIME_S";

    private UserSigMaxLifetime() {
    }

    /** The maximum lifetime configured, whole seconds; empty when there is none. */
    public static Optional<Duration> from(Env env) {
        long seconds = env.longValue(VARIABLE, 0, 0, Integer.MAX_VALUE);
        return seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }
}
