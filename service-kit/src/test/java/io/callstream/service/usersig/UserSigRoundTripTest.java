package io.callstream.service.usersig;

import static io.callstream.service.usersig.UserSigVerifier.Verdict.BAD_SIGNATURE;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.EXPIRED;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.VALID;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.WRONG_APP;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.WRONG_IDENTIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What {@link UserSig#generate} issues, {@link UserSigVerifier} accepts, for any identifier, key and lifetime. */
class UserSigRoundTripTest {

    /** Code points that stress escaping and encoding: controls, quotes, Latin-1, CJK, line separators, astral. */
    private static final int[][] RANGES = {
            {0x00, 0x1F}, {0x20, 0x7E}, {0x7F, 0xFF}, {0x4E00, 0x4FFF}, {0x2028, 0x2029}, {0x1F300, 0x1F64F}};

    private static String randomText(Random random, int minLength, int maxLength) {
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int[] range = RANGES[random.nextInt(RANGES.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    private static UserSigVerifier verifier(long app, String key, Instant now) {
        return new UserSigVerifier(app, key, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void randomUserSigsRoundTrip() throws Exception {
        Random random = new Random(20240601L);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 300; i++) {
            String identifier = randomText(random, 0, 40);
            String key = randomText(random, 1, 80);
            long app = 1 + random.nextInt(Integer.MAX_VALUE);
            long expire = random.nextInt(10 * 365 * 86400);
            Instant issued = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
            String sig = UserSig.generate(app, key, identifier, Duration.ofSeconds(expire), issued);
            String context = "case " + i + ": " + identifier.codePoints().mapToObj(Integer::toHexString).toList();

            assertThat(sig).as(context).matches("[A-Za-z0-9*_-]+");
            JsonNode document = json.readTree(SigEncoding.decode(sig));
            assertThat(document.get("TLS.identifier").textValue()).as(context).isEqualTo(identifier);
            assertThat(document.get("TLS.time").longValue()).as(context).isEqualTo(issued.getEpochSecond());

            Instant end = Instant.ofEpochSecond(issued.getEpochSecond() + expire);
            assertThat(verifier(app, key, issued).verify(identifier, sig)).as(context).isEqualTo(VALID);
            assertThat(verifier(app, key, end).verify(identifier, sig)).as(context).isEqualTo(VALID);
            assertThat(verifier(app, key, end.plusSeconds(1)).verify(identifier, sig)).as(context).isEqualTo(EXPIRED);
            assertThat(verifier(app + 1, key, issued).verify(identifier, sig)).as(context).isEqualTo(WRONG_APP);
            assertThat(verifier(app, key, issued).verify(identifier + "x", sig)).as(context).isEqualTo(WRONG_IDENTIFIER);
            assertThat(verifier(app, key + "x", issued).verify(identifier, sig)).as(context).isEqualTo(BAD_SIGNATURE);
        }
    }

    @Test
    void generateRefusesWhatCannotBeSignedTheVendorsWay() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        Duration day = Duration.ofDays(1);
        assertThatThrownBy(() -> UserSig.generate(0, "k", "a", day, now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserSig.generate(1, "", "a", day, now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserSig.generate(1, "k", "a\ud800", day, now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> UserSig.generate(1, "k", "a", Duration.ofSeconds(-1), now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserSig.generate(1, "k", "a", Duration.ofMillis(1500), now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserSig.generate(1, "k", "a", day, Instant.ofEpochSecond(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserSig.generate(1, "k", null, day, now)).isInstanceOf(NullPointerException.class);
    }
}
