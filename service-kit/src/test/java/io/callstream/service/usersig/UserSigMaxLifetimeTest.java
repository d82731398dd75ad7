package io.callstream.service.usersig;

import static io.callstream.service.usersig.UserSigVerifier.Verdict.BAD_SIGNATURE;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.EXPIRED;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.NOT_YET_VALID;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import io.callstream.service.usersig.Vectors.Vector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The optional maximum lifetime ({@code CALLSTREAM_USERSIG_MAX_LIFETIME_S}), judged on real UserSigs: the vendor's own
 * 180-day UserSig from {@code tls-sig-api-v2} and ones {@link UserSig#generate} signs.
 */
class UserSigMaxLifetimeTest {

    private static final Vector VENDOR_180_DAYS = Vectors.named("admin-180-days");
    private static final long APP = VENDOR_180_DAYS.sdkappid();
    private static final String KEY = VENDOR_180_DAYS.key();
    private static final String ADMIN = "administrator";
    private static final long T = VENDOR_180_DAYS.time();
    private static final Duration HOUR = Duration.ofHours(1);

    private static UserSigVerifier verifier(Optional<Duration> maxLifetime, long nowSeconds, int nanos) {
        return new UserSigVerifier(APP, KEY, Clock.fixed(Instant.ofEpochSecond(nowSeconds, nanos), ZoneOffset.UTC), maxLifetime);
    }

    private static UserSig.Claims claims(String userSig) {
        return UserSig.claims(userSig).orElseThrow();
    }

    @Test
    void withoutAMaximumTheVendorsRulesStand() {
        String vendor = VENDOR_180_DAYS.usersig();
        assertThat(claims(vendor).expire()).isEqualTo(180L * 86_400);
        assertThat(verifier(Optional.empty(), T + 179L * 86_400, 0).verify(ADMIN, vendor)).isEqualTo(VALID);
        String tenYearsAhead = UserSig.generate(APP, KEY, ADMIN, HOUR, Instant.ofEpochSecond(T + 10L * 365 * 86_400));
        assertThat(verifier(Optional.empty(), T, 0).verify(ADMIN, tenYearsAhead)).isEqualTo(VALID);
    }

    @Test
    void aLongerLifetimeEndsAtTheMaximumAsExpiredToTheSecond() {
        String vendor = VENDOR_180_DAYS.usersig();
        Optional<Duration> hour = Optional.of(HOUR);
        assertThat(verifier(hour, T + 3600, 0).verify(ADMIN, vendor)).isEqualTo(VALID);
        assertThat(verifier(hour, T + 3600, 1).verify(ADMIN, vendor)).isEqualTo(EXPIRED);
        assertThat(verifier(hour, T + 179L * 86_400, 0).verify(ADMIN, vendor)).isEqualTo(EXPIRED);
    }

    @Test
    void aShorterLifetimeStillEndsAtItsOwnExpiry() {
        String fiveMinutes = UserSig.generate(APP, KEY, ADMIN, Duration.ofMinutes(5), Instant.ofEpochSecond(T));
        assertThat(verifier(Optional.of(HOUR), T + 300, 0).verify(ADMIN, fiveMinutes)).isEqualTo(VALID);
        assertThat(verifier(Optional.of(HOUR), T + 301, 0).verify(ADMIN, fiveMinutes)).isEqualTo(EXPIRED);
    }

    @Test
    void anIssueTimeFurtherAheadThanTheMaximumIsNotYetValid() {
        String anHourAhead = UserSig.generate(APP, KEY, ADMIN, Duration.ofDays(1), Instant.ofEpochSecond(T + 3600));
        assertThat(verifier(Optional.of(HOUR), T, 0).verify(ADMIN, anHourAhead)).as("within the maximum").isEqualTo(VALID);
        String furtherAhead = UserSig.generate(APP, KEY, ADMIN, Duration.ofDays(1), Instant.ofEpochSecond(T + 3601));
        assertThat(verifier(Optional.of(HOUR), T, 0).verify(ADMIN, furtherAhead)).isEqualTo(NOT_YET_VALID);
        String farFuture = UserSig.generate(APP, KEY, ADMIN, Duration.ofDays(1), Instant.ofEpochSecond(T + 10L * 365 * 86_400));
        assertThat(verifier(Optional.of(HOUR), T, 0).verify(ADMIN, farFuture)).isEqualTo(NOT_YET_VALID);
        // The largest issue time a UserSig can carry, with the largest maximum: no overflow either way.
        String lastSecond = Vectors.envelope(Vectors.signedDocument(APP, KEY, ADMIN, Long.MAX_VALUE, 0, ""));
        assertThat(verifier(Optional.of(Duration.ofSeconds(Integer.MAX_VALUE)), T, 0).verify(ADMIN, lastSecond))
                .isEqualTo(NOT_YET_VALID);
    }

    @Test
    void onlyTheHmacMakesTimesCount() {
        String forgedAhead = Vectors.envelope(Vectors.signedDocument(APP, "not our key", ADMIN, T + 86_400, 60, ""));
        assertThat(verifier(Optional.of(HOUR), T, 0).verify(ADMIN, forgedAhead)).isEqualTo(BAD_SIGNATURE);
        String forgedOld = Vectors.envelope(Vectors.signedDocument(APP, "not our key", ADMIN, T - 86_400, 3600, ""));
        assertThat(verifier(Optional.of(HOUR), T, 0).verify(ADMIN, forgedOld)).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void theVariableIsSecondsAndZeroOrUnsetMeansNone() {
        assertThat(UserSigMaxLifetime.from(new Env(Map.of()))).isEmpty();
        assertThat(UserSigMaxLifetime.from(new Env(Map.of(UserSigMaxLifetime.VARIABLE, "0")))).isEmpty();
        assertThat(UserSigMaxLifetime.from(new Env(Map.of(UserSigMaxLifetime.VARIABLE, "86400")))).contains(Duration.ofDays(1));
        assertThatThrownBy(() -> UserSigMaxLifetime.from(new Env(Map.of(UserSigMaxLifetime.VARIABLE, "-1"))))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining(UserSigMaxLifetime.VARIABLE);
        assertThatThrownBy(() -> UserSigMaxLifetime.from(new Env(Map.of(UserSigMaxLifetime.VARIABLE, "1h"))))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining(UserSigMaxLifetime.VARIABLE);
    }

    @Test
    void aMaximumIsWholePositiveSeconds() {
        Clock clock = Clock.systemUTC();
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMillis(1500)}) {
            assertThatThrownBy(() -> new UserSigVerifier(APP, KEY, clock, Optional.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
