package io.callstream.topology.query.vendor;

import static io.callstream.topology.query.vendor.VendorApiServer.APP;
import static io.callstream.topology.query.vendor.VendorApiServer.NOW;
import static io.callstream.topology.query.vendor.VendorApiServer.OTHER_APP;
import static io.callstream.topology.query.vendor.VendorApiServer.adminParams;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.TestRecords;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error answer: its code, a message naming the cause, HTTP 200, and the API's error envelope. */
class VendorErrorsTest {

    private static final String BY_ID = GetRecordByCallId.PATH;
    private static final String V1_FILTER = GetRecordsByFilter.PATH;
    private static final String V4_FILTER = V4GetRecordByFilter.PATH;
    private static final String V1_FILTER_BODY = "{\"startTimestamp\":" + (NOW - 3600) + "}";

    private static Vertx vertx;
    private static VendorApiServer api;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        api = new VendorApiServer(vertx, new QueryApiConfig("administrator", 1_000_000, 1_000_000, Duration.ofMillis(300)));
    }

    @AfterAll
    static void stop() {
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void reset() {
        api.reset();
        api.queries.add(TestRecords.record(APP, "c1", NOW - 60).build());
    }

    /** A valid body for each API. */
    static Stream<Arguments> apis() {
        return Stream.of(Arguments.of(BY_ID, "{\"callId\":\"c1\"}"), Arguments.of(V1_FILTER, V1_FILTER_BODY),
                Arguments.of(V4_FILTER, "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void theValidRequestsSucceed(String path, String body) {
        assertThat(api.post(path, body).code()).isZero();
    }

    // ---- common parameters and authentication: 70001, 70002, 70003, 70004 ----

    @ParameterizedTest(name = "{1}={2} on {0}")
    @CsvSource(nullValues = "NULL", value = {
            BY_ID + ",sdkappid,NULL,sdkappid is missing",
            BY_ID + ",sdkappid,88x,sdkappid must be a positive integer",
            BY_ID + ",sdkappid,1400000999,sdkappid 1400000999 is not served",
            BY_ID + ",identifier,NULL,identifier is missing",
            BY_ID + ",usersig,NULL,usersig is missing",
            BY_ID + ",random,NULL,random is missing",
            BY_ID + ",random,4294967296,random must be an integer in [0, 4294967295]",
            BY_ID + ",contenttype,NULL,contenttype is missing",
            BY_ID + ",contenttype,xml,contenttype must be json",
            V1_FILTER + ",sdkappid,NULL,sdkappid is missing",
            V1_FILTER + ",random,abc,random must be an integer",
            V4_FILTER + ",identifier,'',identifier is missing",
            V4_FILTER + ",contenttype,JSON,contenttype must be json",
    })
    void aMissingOrInvalidCommonParameterIs70001(String path, String name, String value, String message) {
        Map<String, String> params = adminParams(APP);
        params.put(name, value);
        VendorApiServer.Reply reply = api.post(path, params, body(path));
        assertError(reply, 70001, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void aNonAdminIs70004(String path, String body) {
        Map<String, String> params = adminParams(APP);
        params.put("identifier", "alice");
        assertError(api.post(path, params, body), 70004, "identifier 'alice' is not the app's admin account");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void aUserSigThatDoesNotVerifyIs70002(String path, String body) {
        Map<String, String> params = adminParams(APP);
        params.put("usersig", "forged");
        assertError(api.post(path, params, body), 70002, "usersig is not a valid UserSig");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void anExpiredUserSigIs70003(String path, String body) {
        Map<String, String> params = adminParams(APP);
        params.put("usersig", "expired");
        assertError(api.post(path, params, body), 70003, "usersig has expired");
    }

    // ---- the body: 70009 ----

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"", "   ", "{", "not json", "[]", "[{\"callId\":\"c1\"}]", "\"c1\"", "null", "42", "{} {}"})
    void aBodyThatIsNotOneJsonObjectIs70009(String body) {
        for (String path : new String[] {BY_ID, V1_FILTER, V4_FILTER}) {
            VendorApiServer.Reply reply = api.post(path, body);
            assertThat(reply.code()).as(path + " [" + body + "]: " + reply.body()).isEqualTo(70009);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.message()).contains("body");
        }
    }

    @Test
    void aBodyOverTheLimitIs70009() {
        String huge = "{\"callId\":\"c1\",\"padding\":\"" + "x".repeat(VendorQueryRoutes.MAX_BODY_BYTES) + "\"}";
        VendorApiServer.Reply reply = api.post(BY_ID, huge);
        assertError(reply, 70009, "the body exceeds 16384 bytes");
        assertThat(reply.json().getString("requestId")).matches("[0-9a-f]{32}").isEqualTo(reply.requestIdHeader());
        assertError(api.post(V4_FILTER, huge), 70009, "the body exceeds 16384 bytes");
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = '|', value = {
            BY_ID + "|{\"callId\":123}|callId must be a string, got the number 123",
            BY_ID + "|{\"callId\":[\"c1\"]}|callId must be a string, got an array",
            V1_FILTER + "|{\"startTimestamp\":\"1700000000\"}|startTimestamp must be an integer, got a string",
            V1_FILTER + "|{\"startTimestamp\":1700000000.5}|startTimestamp must be an integer, got the number 1.7000000005E9",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"endTimestamp\":true}|endTimestamp must be an integer, got true",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"callResult\":1}|callResult must be a string, got the number 1",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"callType\":{}}|callType must be a string, got an object",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"numberPerPage\":20.0}|numberPerPage must be an integer",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"page\":\"2\"}|page must be an integer, got a string",
            V4_FILTER + "|{\"StartTime\":\"0\"}|StartTime must be an integer, got a string",
            V4_FILTER + "|{\"EndTime\":1.5}|EndTime must be an integer",
            V4_FILTER + "|{\"CallResult\":0}|CallResult must be a string",
            V4_FILTER + "|{\"CallType\":false}|CallType must be a string, got false",
            V4_FILTER + "|{\"NumberPerPage\":\"2\"}|NumberPerPage must be an integer",
            V4_FILTER + "|{\"Page\":[2]}|Page must be an integer, got an array",
    })
    void aFieldOfTheWrongJsonTypeIs70009(String path, String body, String message) {
        assertError(api.post(path, body), 70009, message);
    }

    // ---- the fields: 70001 ----

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = '|', value = {
            BY_ID + "|{}|callId is required",
            BY_ID + "|{\"callId\":\"\"}|callId is required",
            BY_ID + "|{\"callId\":null}|callId is required",
            V1_FILTER + "|{}|startTimestamp is required",
            V1_FILTER + "|{\"startTimestamp\":-1}|startTimestamp must be between 0 and 253402300799, got -1",
            V1_FILTER + "|{\"startTimestamp\":99999999999999999999999}|startTimestamp must be between 0 and 253402300799",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"endTimestamp\":1699999999}|endTimestamp (1699999999) must not be before startTimestamp (1700000000)",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"callResult\":\"NormalEnd\"}|callResult must be one of cancel, reject, not_answer, normal_end, call_busy, interrupt, failed, offline (or unknown), got 'NormalEnd'",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"callType\":\"SingleCall\"}|callType must be single or group, got 'SingleCall'",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"numberPerPage\":0}|numberPerPage must be between 1 and 100, got 0",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"numberPerPage\":101}|numberPerPage must be between 1 and 100, got 101",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"page\":0}|page must be between 1 and 2147483647, got 0",
            V1_FILTER + "|{\"startTimestamp\":1700000000,\"page\":2147483648}|page must be between 1 and 2147483647",
            V4_FILTER + "|{\"StartTime\":-5}|StartTime must be between 0 and 253402300799, got -5",
            V4_FILTER + "|{\"StartTime\":1700000000,\"EndTime\":1699999999}|EndTime (1699999999) must not be before StartTime (1700000000)",
            V4_FILTER + "|{\"CallResult\":\"normal_end\"}|CallResult must be one of Cancel, Reject, NotAnswer, NormalEnd, CallBusy, Interrupt, Failed, Offline (or Unknown), got 'normal_end'",
            V4_FILTER + "|{\"CallType\":\"single\"}|CallType must be SingleCall or MultiCall, got 'single'",
            V4_FILTER + "|{\"NumberPerPage\":101}|NumberPerPage must be between 0 and 100, got 101",
            V4_FILTER + "|{\"Page\":-1}|Page must be between 0 and 2147483647, got -1",
    })
    void aMissingOrInvalidFieldIs70001(String path, String body, String message) {
        assertError(api.post(path, body), 70001, message);
    }

    // ---- nothing found: 70011, 101050 ----

    @Test
    void anUnknownCallIdIs70011() {
        assertError(api.post(BY_ID, "{\"callId\":\"nope\"}"), 70011, "no record found for callId 'nope'");
    }

    @Test
    void anotherAppsCallIsNotFound() {
        api.queries.add(TestRecords.record(OTHER_APP, "theirs", NOW - 60).build());
        assertThat(api.post(BY_ID, "{\"callId\":\"theirs\"}").code()).isEqualTo(70011);
        assertThat(api.post(BY_ID, adminParams(OTHER_APP), "{\"callId\":\"theirs\"}").code()).isZero();
    }

    @Test
    void aV1FilterMatchingNothingIs70011() {
        assertError(api.post(V1_FILTER, "{\"startTimestamp\":" + (NOW - 3600) + ",\"callResult\":\"reject\"}"), 70011,
                "no record found between " + (NOW - 3600) + " and " + NOW);
        // A start in the future makes an empty default range: not an error of the request, just nothing.
        assertThat(api.post(V1_FILTER, "{\"startTimestamp\":" + (NOW + 3600) + "}").code()).isEqualTo(70011);
    }

    @Test
    void aV4FilterMatchingNothingIs101050() {
        assertError(api.post(V4_FILTER, "{\"CallResult\":\"Reject\"}"), 101050, "call records do not exist");
        // An EndTime before the 7-day floor leaves nothing to search.
        assertThat(api.post(V4_FILTER, "{\"EndTime\":" + (NOW - 8 * 86400) + "}").code()).isEqualTo(101050);
    }

    // ---- internal errors: 101001 ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void unavailableRecordsAre101001Retry(String path, String body) {
        api.queries.failWith(() -> new QueryUnavailableException("rebalancing"));
        assertError(api.post(path, body), 101001, "internal error, retry");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void aFailingStoreIs101001(String path, String body) {
        api.queries.failWith(() -> new IllegalStateException("boom"));
        VendorApiServer.Reply reply = api.post(path, body);
        assertError(reply, 101001, "internal error, retry");
        assertThat(reply.message()).doesNotContain("boom");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void aStoreThatThrowsIs101001(String path, String body) {
        api.queries.throwOnQuery(new QueryUnavailableException("not running"));
        assertError(api.post(path, body), 101001, "internal error, retry");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void aStoreThatNeverAnswersIs101001AfterTheTimeout(String path, String body) {
        api.queries.neverAnswer();
        assertError(api.post(path, body), 101001, "no answer from the records within 300 ms");
    }

    // ---- envelopes, statuses, metrics ----

    @Test
    void v1ErrorsCarryCodeMessageAndRequestIdButNoData() {
        JsonObject json = api.post(BY_ID, "{\"callId\":\"nope\"}").json();
        assertThat(json.fieldNames()).containsExactly("errorCode", "errorMessage", "requestId");
        assertThat(json.getString("requestId")).matches("[0-9a-f]{32}");
    }

    @Test
    void v4ErrorsSayFailAndCarryNoResponse() {
        JsonObject json = api.post(V4_FILTER, "{\"CallResult\":\"Reject\"}").json();
        assertThat(json.fieldNames()).containsExactly("ErrorCode", "ErrorInfo", "ActionStatus", "RequestId");
        assertThat(json.getString("ActionStatus")).isEqualTo("FAIL");
        assertThat(json.getString("RequestId")).matches("Id-[0-9a-f]{32}-O-Seq-[0-9]+");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() {
        assertThat(api.post("/v1/records/get_everything", "{}").status()).isEqualTo(404);
        assertThat(api.post("/v4/call_record_http_srv/get_record_by_callId", "{}").status()).isEqualTo(404);
        assertThat(api.send("GET", BY_ID, adminParams(APP), null).status()).isEqualTo(405);
        assertThat(api.send("PUT", V4_FILTER, adminParams(APP), "{}").status()).isEqualTo(405);
    }

    @Test
    void countsAnswersByApiAndCode() {
        long ok = count("v1.get_record_by_callId", 0);
        long notFound = count("v1.get_record_by_callId", 70011);
        long unparsable = count("v4.get_record_by_filter", 70009);
        api.post(BY_ID, "{\"callId\":\"c1\"}");
        api.post(BY_ID, "{\"callId\":\"nope\"}");
        api.post(V4_FILTER, "not json");
        assertThat(count("v1.get_record_by_callId", 0)).isEqualTo(ok + 1);
        assertThat(count("v1.get_record_by_callId", 70011)).isEqualTo(notFound + 1);
        assertThat(count("v4.get_record_by_filter", 70009)).isEqualTo(unparsable + 1);
    }

    private static long count(String apiName, int code) {
        var timer = api.registry.find("callstream.query.vendor.requests")
                .tags("api", apiName, "code", Integer.toString(code)).timer();
        return timer == null ? 0 : timer.count();
    }

    private static String body(String path) {
        return path.equals(BY_ID) ? "{\"callId\":\"c1\"}" : path.equals(V1_FILTER) ? V1_FILTER_BODY : "{}";
    }

    static void assertError(VendorApiServer.Reply reply, int code, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.code()).as(reply.body()).isEqualTo(code);
        assertThat(reply.message()).as(reply.body()).contains(message);
    }
}
