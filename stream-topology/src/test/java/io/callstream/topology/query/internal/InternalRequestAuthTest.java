package io.callstream.topology.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import io.callstream.topology.query.internal.InternalRequestAuth.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InternalRequestAuthTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-cluster";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String URI = "/internal/v1/open-calls?sdkAppId=1400000001&take=11&partitions=0,3";
    private static final byte[] BODY = "{\"take\":11}".getBytes(StandardCharsets.UTF_8);

    private static InternalRequestAuth at(Instant instant) {
        return new InternalRequestAuth(SECRET, Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void aRequestSignedWithTheSecretIsAcceptedAndItsBodyMatches() {
        Map<String, String> headers = at(NOW).sign("POST", URI, BODY);
        assertThat(at(NOW).check("POST", URI, headers::get)).isEqualTo(Verdict.ACCEPTED);
        assertThat(InternalRequestAuth.bodyMatches(headers.get(InternalRequestAuth.CONTENT_SHA256), BODY)).isTrue();
        assertThat(InternalRequestAuth.bodyMatches(headers.get(InternalRequestAuth.CONTENT_SHA256), "{\"take\":99}".getBytes()))
                .as("another body").isFalse();
        assertThat(InternalRequestAuth.bodyMatches(null, BODY)).isFalse();
    }

    @Test
    void changingAnySignedPartBreaksTheSignature() {
        Map<String, String> headers = at(NOW).sign("GET", URI, new byte[0]);
        InternalRequestAuth receiver = at(NOW);
        assertThat(receiver.check("POST", URI, headers::get)).as("method").isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(receiver.check("GET", URI.replace("take=11", "take=100001"), headers::get)).as("query")
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(receiver.check("GET", URI.replace("open-calls", "records"), headers::get)).as("path")
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(receiver.check("GET", URI, with(headers, InternalRequestAuth.TIMESTAMP, Long.toString(NOW.toEpochMilli() + 1))::get))
                .as("time").isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(receiver.check("GET", URI, with(headers, InternalRequestAuth.CONTENT_SHA256, "0".repeat(64))::get))
                .as("body digest").isEqualTo(Verdict.BAD_SIGNATURE);
        String signature = headers.get(InternalRequestAuth.SIGNATURE);
        String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        assertThat(receiver.check("GET", URI, with(headers, InternalRequestAuth.SIGNATURE, flipped)::get)).as("signature")
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void anotherSecretSignsNothingThisOneAccepts() {
        Map<String, String> headers = new InternalRequestAuth(SECRET + "-other", Clock.fixed(NOW, ZoneOffset.UTC))
                .sign("GET", URI, new byte[0]);
        assertThat(at(NOW).check("GET", URI, headers::get)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aRequestIsValidForThirtySecondsEitherWayOfItsSigningAndNeverAgain() {
        Map<String, String> headers = at(NOW).sign("GET", URI, new byte[0]);
        assertThat(at(NOW.plusSeconds(30)).check("GET", URI, headers::get)).isEqualTo(Verdict.ACCEPTED);
        assertThat(at(NOW.minusSeconds(30)).check("GET", URI, headers::get)).as("the sender's clock ahead")
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(at(NOW.plusSeconds(30).plusMillis(1)).check("GET", URI, headers::get)).as("a replay after its validity")
                .isEqualTo(Verdict.EXPIRED);
        assertThat(at(NOW.minusSeconds(31)).check("GET", URI, headers::get)).isEqualTo(Verdict.EXPIRED);
        assertThat(at(NOW).check("GET", URI, with(headers, InternalRequestAuth.TIMESTAMP, Long.toString(Long.MIN_VALUE))::get))
                .as("no overflow").isEqualTo(Verdict.EXPIRED);
        assertThat(at(NOW).check("GET", URI, with(headers, InternalRequestAuth.TIMESTAMP, Long.toString(Long.MAX_VALUE))::get))
                .isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void missingOrMalformedCredentialsAreRefused() {
        Map<String, String> headers = at(NOW).sign("GET", URI, new byte[0]);
        InternalRequestAuth receiver = at(NOW);
        assertThat(receiver.check("GET", URI, name -> null)).isEqualTo(Verdict.MISSING);
        for (String header : headers.keySet()) {
            Map<String, String> without = new HashMap<>(headers);
            without.remove(header);
            assertThat(receiver.check("GET", URI, without::get)).as(header).isEqualTo(Verdict.MISSING);
        }
        assertThat(receiver.check("GET", URI, with(headers, InternalRequestAuth.TIMESTAMP, "yesterday")::get)).isEqualTo(Verdict.MALFORMED);
        assertThat(receiver.check("GET", URI, with(headers, InternalRequestAuth.SIGNATURE, "not hex")::get)).isEqualTo(Verdict.MALFORMED);
        assertThat(receiver.check("GET", URI, with(headers, InternalRequestAuth.SIGNATURE, "")::get)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(receiver.check("GET", URI, with(headers, InternalRequestAuth.CONTENT_SHA256, "abc")::get)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void theSecretIsRequiredLongAndNeverShown() {
        assertThatThrownBy(() -> InternalRequestAuth.from(new Env(Map.of()))).isInstanceOf(Env.ConfigException.class)
                .hasMessageStartingWith("CALLSTREAM_CLUSTER_SECRET is not set");
        assertThatThrownBy(() -> InternalRequestAuth.from(new Env(Map.of(InternalRequestAuth.VARIABLE, "short-secret"))))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("at least 32 characters")
                .hasMessageNotContaining("short-secret");
        Env env = new Env(Map.of(InternalRequestAuth.VARIABLE, SECRET));
        assertThat(InternalRequestAuth.from(env).toString()).doesNotContain(SECRET);
        assertThat(env.effective()).containsEntry(InternalRequestAuth.VARIABLE, "****");
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> changed = new HashMap<>(headers);
        changed.put(name, value);
        return changed;
    }
}
