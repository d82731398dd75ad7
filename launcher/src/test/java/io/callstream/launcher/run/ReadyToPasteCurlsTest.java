package io.callstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.launcher.CurlCommand;
import io.callstream.service.usersig.UserSigVerifier;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReadyToPasteCurlsTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final ReadyToPasteCurls.Examples examples = ReadyToPasteCurls.of("http://localhost:8080/callback", "http://localhost:8081",
            1400000001L, "administrator", KEY, "call-1", NOW);

    @Test
    void theCallbackIsACallersNormalEndStatusCallbackAsTheVendorPostsIt() {
        CurlCommand curl = CurlCommand.parse(examples.callback());
        assertThat(curl.method()).isEqualTo("POST");
        assertThat(curl.url().getPath()).isEqualTo("/callback");
        assertThat(curl.url().getPort()).isEqualTo(8080);
        assertThat(curl.query()).containsEntry("sdkappid", "1400000001").containsEntry("command", "normal_end")
                .containsEntry("contenttype", "json").containsKeys("clientip", "optplatform");
        assertThat(curl.headers()).containsEntry("Content-Type", "application/json");
        JsonObject body = new JsonObject(curl.body());
        assertThat(body.getString("CallId")).isEqualTo("call-1");
        assertThat(body.getString("CallResult")).isEqualTo("normal_end");
        assertThat(body.getString("CallType")).isEqualTo("single");
        assertThat(body.getLong("EndTs")).isEqualTo(NOW.getEpochSecond());
        assertThat(body.getLong("StartCallTs")).isLessThan(body.getLong("AcceptTs"));
    }

    @Test
    void theQueriesCarryTheCommonParametersAndAUserSigThatVerifiesForADay() {
        for (String printed : new String[] {examples.recordsByFilter(), examples.recordByCallId()}) {
            CurlCommand curl = CurlCommand.parse(printed);
            assertThat(curl.method()).isEqualTo("POST");
            assertThat(curl.url().getPort()).isEqualTo(8081);
            assertThat(curl.query()).containsEntry("sdkappid", "1400000001").containsEntry("identifier", "administrator")
                    .containsEntry("contenttype", "json");
            assertThat(Long.parseLong(curl.query().get("random"))).isBetween(0L, 4294967295L);
            String userSig = curl.query().get("usersig");
            assertThat(verifier(NOW.plusSeconds(86_399)).verify("administrator", userSig)).isEqualTo(UserSigVerifier.Verdict.VALID);
            assertThat(verifier(NOW.plusSeconds(86_401)).verify("administrator", userSig)).isEqualTo(UserSigVerifier.Verdict.EXPIRED);
        }
        CurlCommand byFilter = CurlCommand.parse(examples.recordsByFilter());
        assertThat(byFilter.url().getPath()).isEqualTo("/v1/records/get_records_by_filter");
        assertThat(new JsonObject(byFilter.body()).getLong("startTimestamp")).isEqualTo(NOW.getEpochSecond() - 86_400);
        CurlCommand byCallId = CurlCommand.parse(examples.recordByCallId());
        assertThat(byCallId.url().getPath()).isEqualTo("/v1/records/get_record_by_callId");
        assertThat(new JsonObject(byCallId.body()).getString("callId")).isEqualTo("call-1");
    }

    @Test
    void withoutAQueryApiOrKeyOnlyTheCallbackIsPrinted() {
        ReadyToPasteCurls.Examples gatewayOnly = ReadyToPasteCurls.of("http://localhost:8080/callback", null, 1400000001L,
                "administrator", null, "call-2", NOW);
        assertThat(gatewayOnly.callback()).isNotNull();
        assertThat(gatewayOnly.recordsByFilter()).isNull();
        assertThat(gatewayOnly.recordByCallId()).isNull();
    }

    private static UserSigVerifier verifier(Instant at) {
        return new UserSigVerifier(1400000001L, KEY, Clock.fixed(at, ZoneOffset.UTC));
    }
}
