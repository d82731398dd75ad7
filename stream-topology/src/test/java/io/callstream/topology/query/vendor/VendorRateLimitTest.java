package io.callstream.topology.query.vendor;

import static io.callstream.topology.query.vendor.VendorApiServer.APP;
import static io.callstream.topology.query.vendor.VendorApiServer.NOW;
import static io.callstream.topology.query.vendor.VendorApiServer.OTHER_APP;
import static io.callstream.topology.query.vendor.VendorApiServer.adminParams;
import static io.callstream.topology.query.vendor.VendorErrorsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.service.Env;
import io.callstream.topology.query.TestRecords;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 70005 at the documented rates, per app and API, in this process; the clock only moves when the test moves it. */
class VendorRateLimitTest {

    private static final String BY_ID_BODY = "{\"callId\":\"c1\"}";

    private static Vertx vertx;
    private VendorApiServer api;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void close() {
        api.close();
    }

    private VendorApiServer server(QueryApiConfig config) {
        api = new VendorApiServer(vertx, config);
        api.queries.add(TestRecords.record(APP, "c1", NOW - 60).build(), TestRecords.record(OTHER_APP, "c1", NOW - 60).build());
        return api;
    }

    @Test
    void getRecordByCallIdAllows20PerSecondPerApp() {
        server(QueryApiConfig.defaults());
        assertThat(codes(GetRecordByCallId.PATH, APP, BY_ID_BODY, 20)).containsOnly(0);
        assertError(api.post(GetRecordByCallId.PATH, BY_ID_BODY), 70005,
                "over 20 requests per second for sdkappid 1400000001 on /v1/records/get_record_by_callId");
        // Another app has its own budget.
        assertThat(codes(GetRecordByCallId.PATH, OTHER_APP, BY_ID_BODY, 20)).containsOnly(0);
        // One token comes back every 50 ms; a second's worth after a second.
        api.clock.advanceMillis(50);
        assertThat(codes(GetRecordByCallId.PATH, APP, BY_ID_BODY, 2)).containsExactly(0, 70005);
        api.clock.advanceMillis(1000);
        assertThat(codes(GetRecordByCallId.PATH, APP, BY_ID_BODY, 21)).containsOnly(0, 70005).endsWith(70005)
                .filteredOn(code -> code == 0).hasSize(20);
    }

    @Test
    void theFilterApisAllow200PerSecondEach() {
        server(QueryApiConfig.defaults());
        String v1 = "{\"startTimestamp\":" + (NOW - 3600) + "}";
        assertThat(codes(GetRecordsByFilter.PATH, APP, v1, 200)).containsOnly(0);
        assertThat(api.post(GetRecordsByFilter.PATH, v1).code()).isEqualTo(70005);
        // The v4 filter is another API with its own budget.
        assertThat(codes(V4GetRecordByFilter.PATH, APP, "{}", 200)).containsOnly(0);
        assertError(api.post(V4GetRecordByFilter.PATH, "{}"), 70005, "over 200 requests per second");
        assertThat(api.post(V4GetRecordByFilter.PATH, "{}").json().getString("ActionStatus")).isEqualTo("FAIL");
        // And get_record_by_callId is untouched.
        assertThat(api.post(GetRecordByCallId.PATH, BY_ID_BODY).code()).isZero();
    }

    @Test
    void onlyAuthenticatedRequestsSpendTheBudget() {
        server(new QueryApiConfig("administrator", 3, 3, Duration.ofSeconds(3)));
        Map<String, String> forged = adminParams(APP);
        forged.put("usersig", "forged");
        for (int i = 0; i < 10; i++) {
            assertThat(api.post(GetRecordByCallId.PATH, forged, BY_ID_BODY).code()).isEqualTo(70002);
        }
        assertThat(codes(GetRecordByCallId.PATH, APP, BY_ID_BODY, 4)).containsExactly(0, 0, 0, 70005);
    }

    @Test
    void requestsRefusedForTheirBodyStillCount() {
        // The rate is checked before the body is read: a client that floods with bad bodies is still limited.
        server(new QueryApiConfig("administrator", 2, 2, Duration.ofSeconds(3)));
        assertThat(codes(GetRecordByCallId.PATH, APP, "not json", 3)).containsExactly(70009, 70009, 70005);
    }

    @Test
    void theRatesAndTheAdminComeFromTheEnvironment() {
        QueryApiConfig config = QueryApiConfig.from(new Env(Map.of("CALLSTREAM_ADMIN_IDENTIFIER", "ops",
                "CALLSTREAM_RATE_BY_CALLID", "2", "CALLSTREAM_RATE_BY_FILTER", "5", "CALLSTREAM_VENDOR_API_TIMEOUT_MS", "1500")));
        assertThat(config).isEqualTo(new QueryApiConfig("ops", 2, 5, Duration.ofMillis(1500)));
        assertThat(QueryApiConfig.from(new Env(Map.of()))).isEqualTo(QueryApiConfig.defaults())
                .isEqualTo(new QueryApiConfig("administrator", 20, 200, Duration.ofSeconds(3)));

        server(config);
        Map<String, String> ops = adminParams(APP);
        ops.put("identifier", "ops");
        assertThat(api.post(GetRecordByCallId.PATH, ops, BY_ID_BODY).code()).isZero();
        assertThat(api.post(GetRecordByCallId.PATH, ops, BY_ID_BODY).code()).isZero();
        assertThat(api.post(GetRecordByCallId.PATH, ops, BY_ID_BODY).code()).isEqualTo(70005);
        assertThat(api.post(GetRecordByCallId.PATH, BY_ID_BODY).code()).isEqualTo(70004);
    }

    private List<Integer> codes(String path, long app, String body, int times) {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            VendorApiServer.Reply reply = api.post(path, adminParams(app), body);
            assertThat(reply.status()).isEqualTo(200);
            codes.add(reply.code());
        }
        return codes;
    }
}
