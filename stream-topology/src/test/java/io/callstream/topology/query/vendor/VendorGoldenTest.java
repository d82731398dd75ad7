package io.callstream.topology.query.vendor;

import static io.callstream.topology.query.vendor.VendorApiServer.EXAMPLE_APP;
import static io.callstream.topology.query.vendor.VendorApiServer.adminParams;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.topology.query.TestRecords;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vendor's own request examples, sent as they are: our answers have exactly the shape of the vendor's example
 * answers (member names, order, JSON types), and, where the records we put in are the example's, the same values.
 */
class VendorGoldenTest {

    private static Vertx vertx;
    private static VendorApiServer api;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        api = new VendorApiServer(vertx, VendorApiServer.relaxed());
    }

    @AfterAll
    static void stop() {
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void reset() {
        api.reset();
    }

    @Test
    void getRecordByCallIdAnswersTheExampleRecordInTheExampleShape() {
        JsonObject expected = seed("v1-get_record_by_callId.response.json");
        api.queries.add(fromV1(expected.getJsonObject("data")));

        VendorApiServer.Reply reply = api.post(GetRecordByCallId.PATH, adminParams(EXAMPLE_APP),
                seedText("v1-get_record_by_callId.request.json"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonObject got = reply.json();
        assertThat(JsonShape.of(got)).isEqualTo(JsonShape.of(expected));
        assertThat(got.getString("requestId")).matches("[0-9a-f]{32}").isEqualTo(reply.requestIdHeader());
        assertThat(without(got, "requestId")).isEqualTo(without(expected, "requestId"));
    }

    @Test
    void getRecordsByFilterAnswersTheExampleRequestInTheExampleShape() {
        // The example asks for page 2 of normal_end 1v1 calls, 20 a page: 23 such calls make a page of 3, as shown.
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            records.add(TestRecords.record(EXAMPLE_APP, String.format("call-%02d", i), 1618705638L + 4 * i).build());
        }
        api.queries.addAll(records);
        api.queries.add(TestRecords.record(EXAMPLE_APP, "not-normal", 1618705640L).setCallResult(CallResult.cancel).build(),
                TestRecords.record(EXAMPLE_APP, "group", 1618705641L).setCallType("group").build(),
                TestRecords.record(EXAMPLE_APP, "too-late", 1618705739L).build(),
                TestRecords.record(VendorApiServer.APP, "other-app", 1618705650L).build());

        VendorApiServer.Reply reply = api.post(GetRecordsByFilter.PATH, adminParams(EXAMPLE_APP),
                seedText("v1-get_records_by_filter.request.json"));

        assertThat(reply.status()).isEqualTo(200);
        JsonObject got = reply.json();
        assertThat(JsonShape.of(got)).isEqualTo(JsonShape.of(seed("v1-get_records_by_filter.response.json")));
        assertThat(got.getInteger("errorCode")).isZero();
        assertThat(got.getString("errorMessage")).isEqualTo("Success");
        assertThat(got.getString("requestId")).matches("[0-9a-f]{32}");
        assertThat(got.getJsonObject("data").getLong("totalNum")).isEqualTo(23);
        assertThat(got.getJsonObject("data").getInteger("page")).isEqualTo(2);
        // Which records: page 2 holds the 21st to 23rd in start order. (Their fields' values are the first test's
        // concern, against the example record; here the page's shape is checked against the example above.)
        assertThat(got.getJsonObject("data").getJsonArray("callRecordList").stream()
                .map(r -> ((JsonObject) r).getString("callId")).toList()).containsExactly("call-20", "call-21", "call-22");
    }

    @Test
    void getRecordsByFilterShowsTheExampleOfflineRecordsAsTheVendorDoes() {
        JsonObject expected = seed("v1-get_records_by_filter.response.json");
        JsonArray list = expected.getJsonObject("data").getJsonArray("callRecordList");
        for (int i = 0; i < list.size(); i++) {
            api.queries.add(fromV1(list.getJsonObject(i)));
        }

        VendorApiServer.Reply reply = api.post(GetRecordsByFilter.PATH, adminParams(EXAMPLE_APP),
                "{\"startTimestamp\":1688709003,\"endTimestamp\":1688709903,\"callResult\":\"offline\","
                        + "\"callType\":\"single\",\"numberPerPage\":20,\"page\":1}");

        JsonObject data = reply.data();
        assertThat(data.getLong("totalNum")).isEqualTo(3);
        assertThat(data.getJsonArray("callRecordList")).isEqualTo(list);
    }

    @Test
    void v4GetRecordByFilterAnswersTheExampleRequestWithTheExampleRecords() {
        JsonObject expected = seed("v4-get_record_by_filter.response.json");
        JsonArray exampleRecords = expected.getJsonObject("Response").getJsonArray("CallRecordList");
        // The example's EndTime is its "now"; its StartTime 0 means the default, now - 7 days.
        long now = 1740531683L;
        api.clock.setEpochSecond(now);
        // Page 2 of 2 a page: two earlier NormalEnd 1v1 calls come first, then the example's two.
        api.queries.add(TestRecords.record(EXAMPLE_APP, "earlier-1", now - 7 * 86400).build(),
                TestRecords.record(EXAMPLE_APP, "earlier-2", 1739960000L).build());
        for (int i = 0; i < exampleRecords.size(); i++) {
            api.queries.add(fromV4(exampleRecords.getJsonObject(i)));
        }
        api.queries.add(TestRecords.record(EXAMPLE_APP, "before-the-floor", now - 7 * 86400 - 1).build(),
                TestRecords.record(EXAMPLE_APP, "interrupted", 1739960300L).setCallResult(CallResult.interrupt).build(),
                TestRecords.record(EXAMPLE_APP, "group", 1739960301L).setCallType("group").build(),
                TestRecords.record(EXAMPLE_APP, "after-the-end", now + 1).build());

        VendorApiServer.Reply reply = api.post(V4GetRecordByFilter.PATH, adminParams(EXAMPLE_APP),
                seedText("v4-get_record_by_filter.request.json"));

        assertThat(reply.status()).isEqualTo(200);
        JsonObject got = reply.json();
        assertThat(JsonShape.of(got)).isEqualTo(JsonShape.of(expected));
        assertThat(got.getString("RequestId")).matches("Id-[0-9a-f]{32}-O-Seq-[1-9][0-9]*").isEqualTo(reply.requestIdHeader());
        assertThat(without(got, "RequestId", "Response")).isEqualTo(without(expected, "RequestId", "Response"));
        assertThat(got.getJsonObject("Response")).isEqualTo(new JsonObject()
                .put("TotalNum", 4).put("Page", 2).put("CallRecordList", exampleRecords));
    }

    @Test
    void theShapeDoesNotDependOnWhatIsUnknownAboutACall() {
        // A record closed by timeout knows little: the strings are "", the times 0, never null.
        api.queries.add(TestRecords.record(EXAMPLE_APP, "sparse", 1688705638L)
                .setMediaType(null).setRoomId(null).setCallType(null).setCaller(null).setCallees(List.of())
                .setAcceptTs(0).setEndTs(null).setTotalUserNumber(0).setCallResult(CallResult.unknown).build());

        JsonObject v1 = api.post(GetRecordByCallId.PATH, adminParams(EXAMPLE_APP), "{\"callId\":\"sparse\"}").json();
        assertThat(JsonShape.of(v1.getJsonObject("data")))
                .isEqualTo(JsonShape.of(seed("v1-get_record_by_callId.response.json").getJsonObject("data"))
                        .replace("callees:[string]", "callees:[]"));
        assertThat(v1.getJsonObject("data").getString("callResult")).isEqualTo("offline");

        api.clock.setEpochSecond(1688705638L + 10);
        JsonObject v4 = api.post(V4GetRecordByFilter.PATH, adminParams(EXAMPLE_APP), "{}").json();
        JsonObject record = v4.getJsonObject("Response").getJsonArray("CallRecordList").getJsonObject(0);
        String exampleShape = JsonShape.of(seed("v4-get_record_by_filter.response.json")
                .getJsonObject("Response").getJsonArray("CallRecordList").getJsonObject(0));
        assertThat(JsonShape.of(record)).isEqualTo(exampleShape.replace("CalleeList_Account:[string]", "CalleeList_Account:[]"));
        assertThat(record.getString("CallResult")).isEqualTo("Offline");
        assertThat(record.getInteger("RoomIdType")).isEqualTo(2);
    }

    /** The record whose v1 rendering is {@code data}. */
    private static CallRecord fromV1(JsonObject data) {
        String result = data.getString("callResult");
        return TestRecords.record(data.getLong("sdkAppId"), data.getString("callId"), data.getLong("startCallTs"))
                .setMediaType(data.getString("mediaType"))
                .setRoomId(data.getString("roomId"))
                .setAcceptTs(data.getLong("acceptTs"))
                .setEndTs(data.getLong("endTs"))
                .setCaller(data.getString("caller"))
                .setTotalUserNumber(data.getInteger("totalUserNumber"))
                .setCallType(data.getString("callType"))
                .setCallResult("offline".equals(result) ? CallResult.unknown : CallResult.valueOf(result))
                .setCallees(strings(data.getJsonArray("callees")))
                .build();
    }

    /** The record whose v4 rendering is {@code data} (the v4 examples are all NormalEnd 1v1 calls). */
    private static CallRecord fromV4(JsonObject data) {
        return TestRecords.record(EXAMPLE_APP, data.getString("CallId"), data.getLong("StartTime"))
                .setCaller(data.getString("Caller_Account"))
                .setMediaType(data.getString("MediaType").toLowerCase())
                .setCallType("single")
                .setAcceptTs(data.getLong("AcceptTime"))
                .setEndTs(data.getLong("EndTime"))
                .setCallResult(CallResult.normal_end)
                .setCallees(strings(data.getJsonArray("CalleeList_Account")))
                .setRoomId(data.getString("RoomId"))
                .build();
    }

    private static List<String> strings(JsonArray array) {
        return array.stream().map(String.class::cast).toList();
    }

    private static JsonObject without(JsonObject json, String... members) {
        JsonObject copy = json.copy();
        for (String member : members) {
            copy.remove(member);
        }
        return copy;
    }

    static JsonObject seed(String name) {
        return new JsonObject(seedText(name));
    }

    static String seedText(String name) {
        try (InputStream in = VendorGoldenTest.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource seed/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
