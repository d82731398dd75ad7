package io.callstream.topology.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.service.usersig.UserSig;
import io.callstream.topology.query.auth.SignatureCheck.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real UserSigs from {@link UserSig#generate}, judged at a fixed time. */
class UserSigSignatureCheckTest {

    private static final long APP = 1400000001L;
    private static final long OTHER_APP = 1400000002L;
    private static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    private static final String OTHER_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final Instant ISSUED = Instant.ofEpochSecond(1_700_000_000L);
    private static final Instant NOW = ISSUED.plus(Duration.ofHours(1));

    private final SignatureCheck check = new UserSigSignatureCheck(
            AppSecretKeys.parse(APP + ":" + KEY + "," + OTHER_APP + ":" + OTHER_KEY), Clock.fixed(NOW, ZoneOffset.UTC));

    private static String sig(long app, String key, String identifier, Duration lifetime) {
        return UserSig.generate(app, key, identifier, lifetime, ISSUED);
    }

    @Test
    void aGenuineUnexpiredUserSigIsValid() {
        assertThat(check.check(APP, "administrator", sig(APP, KEY, "administrator", Duration.ofDays(1))))
                .isEqualTo(Result.VALID);
        assertThat(check.check(OTHER_APP, "administrator", sig(OTHER_APP, OTHER_KEY, "administrator", Duration.ofDays(1))))
                .isEqualTo(Result.VALID);
    }

    @Test
    void aGenuineUserSigPastItsLifetimeHasExpired() {
        assertThat(check.check(APP, "administrator", sig(APP, KEY, "administrator", Duration.ofMinutes(59))))
                .isEqualTo(Result.EXPIRED);
        // At the very instant of expiry it is still valid.
        assertThat(check.check(APP, "administrator", sig(APP, KEY, "administrator", Duration.ofHours(1))))
                .isEqualTo(Result.VALID);
    }

    @Test
    void anAppWithoutAKeyIsUnknown() {
        assertThat(check.check(1400000009L, "administrator", sig(1400000009L, KEY, "administrator", Duration.ofDays(1))))
                .isEqualTo(Result.UNKNOWN_APP);
    }

    @Test
    void everyOtherRefusalIsInvalid() {
        String good = sig(APP, KEY, "administrator", Duration.ofDays(1));
        // malformed
        assertThat(check.check(APP, "administrator", "not-a-usersig")).isEqualTo(Result.INVALID);
        assertThat(check.check(APP, "administrator", null)).isEqualTo(Result.INVALID);
        // bad signature: another app's key
        assertThat(check.check(APP, "administrator", sig(APP, OTHER_KEY, "administrator", Duration.ofDays(1))))
                .isEqualTo(Result.INVALID);
        // wrong app: genuine for the other app, presented for this one
        assertThat(check.check(APP, "administrator", sig(OTHER_APP, OTHER_KEY, "administrator", Duration.ofDays(1))))
                .isEqualTo(Result.INVALID);
        // wrong identifier
        assertThat(check.check(APP, "someone", good)).isEqualTo(Result.INVALID);
        // an expired forgery is invalid, not expired
        assertThat(check.check(APP, "administrator", sig(APP, OTHER_KEY, "administrator", Duration.ZERO)))
                .isEqualTo(Result.INVALID);
    }

    @Test
    void withAMaximumLifetimeALongerOneExpiresAndOneIssuedTooFarAheadIsInvalid() {
        SignatureCheck capped = new UserSigSignatureCheck(AppSecretKeys.parse(APP + ":" + KEY),
                Clock.fixed(NOW, ZoneOffset.UTC), Optional.of(Duration.ofMinutes(30)));
        // Issued an hour ago for 180 days: over after 30 minutes, as if that were its lifetime.
        assertThat(check.check(APP, "administrator", sig(APP, KEY, "administrator", Duration.ofDays(180))))
                .isEqualTo(Result.VALID);
        assertThat(capped.check(APP, "administrator", sig(APP, KEY, "administrator", Duration.ofDays(180))))
                .isEqualTo(Result.EXPIRED);
        // Issued now, or up to 30 minutes ahead of our clock: valid; further ahead: invalid.
        assertThat(capped.check(APP, "administrator", UserSig.generate(APP, KEY, "administrator", Duration.ofDays(1), NOW)))
                .isEqualTo(Result.VALID);
        assertThat(capped.check(APP, "administrator", UserSig.generate(APP, KEY, "administrator", Duration.ofDays(1),
                NOW.plus(Duration.ofMinutes(30))))).isEqualTo(Result.VALID);
        assertThat(capped.check(APP, "administrator", UserSig.generate(APP, KEY, "administrator", Duration.ofDays(1),
                NOW.plus(Duration.ofMinutes(31))))).isEqualTo(Result.INVALID);
    }
}
