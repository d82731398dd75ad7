package io.callstream.topology.query.analyst;

import io.callstream.topology.query.GeneratedRecords;
import static io.callstream.topology.query.analyst.AnalystApiServer.ADMIN;
import static io.callstream.topology.query.analyst.AnalystApiServer.APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.KEY;
import static io.callstream.topology.query.analyst.AnalystApiServer.OTHER_APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.START;
import static io.callstream.topology.query.analyst.AnalystApiServer.UNSERVED_APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.service.usersig.UserSig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both ways of carrying the admin's UserSig, the claims-only bearer, and every refusal with its status and code. */
class AnalystAuthTest {

    private static final String RECORDS = "/api/v1/records";

    private final AnalystApiServer api = AnalystApiServer.start();
    private final CallRecord mine = new GeneratedRecords(APP, 1).finished(START.getEpochSecond() - 60);
    private final CallRecord theirs = new GeneratedRecords(OTHER_APP, 2).finished(START.getEpochSecond() - 60);

    AnalystAuthTest() {
        api.queries.addFinished(List.of(mine, theirs));
    }

    @AfterEach
    void close() {
        api.close();
    }

    private static Map<String, String> bearer(String sig) {
        return Map.of("Authorization", "Bearer " + sig);
    }

    private static String query(long app, String identifier, String sig) {
        return "sdkappid=" + app + "&identifier=" + encode(identifier) + "&usersig=" + encode(sig);
    }

    private static List<String> ids(AnalystApiServer.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().getJsonArray("records").stream().map(r -> ((JsonObject) r).getString("callId")).toList();
    }

    @Test
    void queryParametersAsTheVendorApisTakeThem() {
        assertThat(ids(api.send(RECORDS + "?" + query(APP, ADMIN, api.sig(APP, ADMIN)), Map.of())))
                .containsExactly(mine.getCallId());
        // The vendor's random and contenttype are accepted too, so vendor tooling can call us unchanged.
        assertThat(ids(api.send(RECORDS + "?" + query(APP, ADMIN, api.sig(APP, ADMIN)) + "&random=99&contenttype=json",
                Map.of()))).containsExactly(mine.getCallId());
    }

    @Test
    void bearerWithAppAndIdentifierInTheQuery() {
        assertThat(ids(api.send(RECORDS + "?sdkappid=" + APP + "&identifier=" + ADMIN, bearer(api.sig(APP, ADMIN)))))
                .containsExactly(mine.getCallId());
        assertThat(ids(api.send(RECORDS + "?sdkappid=" + APP, bearer(api.sig(APP, ADMIN)))))
                .containsExactly(mine.getCallId());
    }

    @Test
    void bearerAloneIsIdentifiedByItsOwnClaims() {
        assertThat(ids(api.send(RECORDS, bearer(api.sig(APP, ADMIN))))).containsExactly(mine.getCallId());
        // The app is the authenticated one: the other app's admin sees the other app's records.
        assertThat(ids(api.send(RECORDS, bearer(api.sig(OTHER_APP, ADMIN))))).containsExactly(theirs.getCallId());
        assertThat(ids(api.send(RECORDS, Map.of("Authorization", "bearer  " + api.sig(APP, ADMIN)))))
                .containsExactly(mine.getCallId());
    }

    @Test
    void claimsAreCheckedLikeAnyUserSig() {
        // Claims OTHER_APP, signed with APP's key: the verifier for OTHER_APP refuses it.
        String forged = UserSig.generate(OTHER_APP, KEY, ADMIN, Duration.ofDays(1), START);
        expect(api.send(RECORDS, bearer(forged)), 401, 70002);
        // The query's sdkappid wins over the claims, and then the UserSig is for the wrong app.
        expect(api.send(RECORDS + "?sdkappid=" + OTHER_APP, bearer(api.sig(APP, ADMIN))), 401, 70002);
    }

    @Test
    void aUserSigOfAnotherKeyIsInvalid() {
        String wrongKey = UserSig.generate(APP, "another-key", ADMIN, Duration.ofDays(1), START);
        AnalystApiServer.Response response = api.send(RECORDS + "?" + query(APP, ADMIN, wrongKey), Map.of());
        expect(response, 401, 70002);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.errorMessage()).contains("sign a UserSig");
        expect(api.send(RECORDS, bearer(wrongKey)), 401, 70002);
    }

    @Test
    void aBearerThatIsNotAUserSigIsInvalid() {
        AnalystApiServer.Response response = api.send(RECORDS, bearer("not-a-usersig"));
        expect(response, 401, 70002);
        assertThat(response.errorMessage()).contains("does not decode");
    }

    @Test
    void anExpiredUserSig() {
        String expired = UserSig.generate(APP, KEY, ADMIN, Duration.ofHours(1), START.minus(Duration.ofHours(2)));
        expect(api.send(RECORDS + "?" + query(APP, ADMIN, expired), Map.of()), 401, 70003);
        AnalystApiServer.Response response = api.send(RECORDS, bearer(expired));
        expect(response, 401, 70003);
        assertThat(response.errorMessage()).contains("expired");
    }

    @Test
    void notTheAdmin() {
        expect(api.send(RECORDS + "?" + query(APP, "alice", api.sig(APP, "alice")), Map.of()), 403, 70004);
        expect(api.send(RECORDS, bearer(api.sig(APP, "alice"))), 403, 70004);
    }

    @Test
    void anAppThisServiceHoldsNoKeyFor() {
        AnalystApiServer.Response response = api.send(RECORDS, bearer(api.sig(UNSERVED_APP, ADMIN)));
        expect(response, 400, 70001);
        assertThat(response.errorMessage()).contains("sdkappid " + UNSERVED_APP + " is not served");
    }

    @Test
    void missingOrMalformedCredentials() {
        expect(api.send(RECORDS, Map.of()), 400, 70001);
        assertThat(api.send(RECORDS, Map.of()).errorMessage()).contains("no credentials", "Authorization: Bearer");
        expect(api.send(RECORDS + "?sdkappid=" + APP + "&identifier=" + ADMIN, Map.of()), 400, 70001);
        expect(api.send(RECORDS + "?" + query(APP, ADMIN, api.sig(APP, ADMIN)).replace("sdkappid=" + APP,
                "sdkappid=abc"), Map.of()), 400, 70001);
        expect(api.send(RECORDS, Map.of("Authorization", "Basic YWRtaW46cHc=")), 400, 70001);
        expect(api.send(RECORDS, Map.of("Authorization", "Bearer ")), 400, 70001);
        AnalystApiServer.Response twice = api.send(RECORDS + "?" + query(APP, ADMIN, api.sig(APP, ADMIN)),
                bearer(api.sig(APP, ADMIN)));
        expect(twice, 400, 70001);
        assertThat(twice.errorMessage()).contains("given twice");
    }

    @Test
    void everyRouteIsAuthenticated() {
        for (String path : List.of(RECORDS, RECORDS + "/x", "/api/v1/calls/open", "/api/v1/calls/open/x")) {
            expect(api.send(path, Map.of()), 400, 70001);
            expect(api.send(path, bearer(api.sig(APP, "alice"))), 403, 70004);
        }
    }

    private static void expect(AnalystApiServer.Response response, int status, int code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().getString("requestId")).matches("[0-9a-f]{32}")
                .isEqualTo(response.header("X-Request-Id"));
    }
}
