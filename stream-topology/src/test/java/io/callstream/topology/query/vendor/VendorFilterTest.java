package io.callstream.topology.query.vendor;

import static io.callstream.topology.query.vendor.VendorApiServer.APP;
import static io.callstream.topology.query.vendor.VendorApiServer.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.query.TestRecords;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The filter APIs' defaults, paging, and the words they use for results and types, both ways. */
class VendorFilterTest {

    private static final long DAY = 86_400L;
    private static final long WEEK = 7 * DAY;

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

    // ---- v1 defaults ----

    @Test
    void v1NumberPerPageDefaultsTo100() {
        addCalls(150, NOW - 3600);
        JsonObject first = v1("{\"startTimestamp\":" + (NOW - 3600) + "}");
        assertThat(first.getLong("totalNum")).isEqualTo(150);
        assertThat(first.getInteger("page")).isEqualTo(1);
        assertThat(first.getJsonArray("callRecordList")).hasSize(100);
        JsonObject second = v1("{\"startTimestamp\":" + (NOW - 3600) + ",\"page\":2}");
        assertThat(second.getInteger("page")).isEqualTo(2);
        assertThat(second.getJsonArray("callRecordList")).hasSize(50);
    }

    @Test
    void v1EndTimestampDefaultsToSevenDaysAfterTheStart() {
        long start = NOW - 10 * DAY;
        api.queries.add(call("at-start", start), call("seven-days-later", start + WEEK), call("one-second-more", start + WEEK + 1),
                call("before", start - 1));
        JsonObject data = v1("{\"startTimestamp\":" + start + "}");
        assertThat(ids(data.getJsonArray("callRecordList"))).containsExactly("at-start", "seven-days-later");
        assertThat(lastFilter().fromTs()).isEqualTo(start);
        assertThat(lastFilter().toTs()).isEqualTo(start + WEEK);
    }

    @Test
    void v1EndTimestampDefaultIsCappedAtNow() {
        long start = NOW - DAY;
        api.queries.add(call("now", NOW), call("in-the-future", NOW + 1));
        assertThat(ids(v1("{\"startTimestamp\":" + start + "}").getJsonArray("callRecordList"))).containsExactly("now");
        assertThat(lastFilter().toTs()).isEqualTo(NOW);
        // The cap follows the clock.
        api.clock.setEpochSecond(NOW + 1);
        assertThat(ids(v1("{\"startTimestamp\":" + start + "}").getJsonArray("callRecordList")))
                .containsExactly("now", "in-the-future");
    }

    @Test
    void v1GivenRangesAreInclusiveAndNotLimitedToSevenDays() {
        api.queries.add(call("a", NOW - 30 * DAY), call("b", NOW - 15 * DAY), call("c", NOW - DAY), call("d", NOW - DAY + 1));
        JsonObject data = v1("{\"startTimestamp\":" + (NOW - 30 * DAY) + ",\"endTimestamp\":" + (NOW - DAY) + "}");
        assertThat(ids(data.getJsonArray("callRecordList"))).containsExactly("a", "b", "c");
    }

    // ---- v4 defaults ----

    @Test
    void v4NumberPerPageDefaultsTo10() {
        addCalls(25, NOW - 3600);
        JsonObject first = v4("{}");
        assertThat(first.getLong("TotalNum")).isEqualTo(25);
        assertThat(first.getInteger("Page")).isEqualTo(1);
        assertThat(first.getJsonArray("CallRecordList")).hasSize(10);
        JsonObject third = v4("{\"Page\":3}");
        assertThat(third.getInteger("Page")).isEqualTo(3);
        assertThat(third.getJsonArray("CallRecordList")).hasSize(5);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "{\"StartTime\":0}", "{\"StartTime\":1}", "{\"StartTime\":1600000000}"})
    void v4StartTimeIsNeverEarlierThanSevenDaysAgo(String body) {
        api.queries.add(call("too-old", NOW - WEEK - 1), call("floor", NOW - WEEK), call("recent", NOW - 60), call("future", NOW + 1));
        assertThat(ids(v4(body).getJsonArray("CallRecordList"))).containsExactly("floor", "recent");
        assertThat(lastFilter().fromTs()).isEqualTo(NOW - WEEK);
        assertThat(lastFilter().toTs()).isEqualTo(NOW);
    }

    @Test
    void v4TheFloorAndTheDefaultEndFollowTheClock() {
        api.queries.add(call("floor", NOW - WEEK), call("recent", NOW - 60), call("future", NOW + 100));
        api.clock.setEpochSecond(NOW + 100);
        assertThat(ids(v4("{}").getJsonArray("CallRecordList"))).containsExactly("recent", "future");
    }

    @Test
    void v4GivenTimesAreHonouredAboveTheFloor() {
        api.queries.add(call("a", NOW - 3 * DAY), call("b", NOW - 2 * DAY), call("c", NOW - DAY), call("d", NOW - 60));
        JsonObject data = v4("{\"StartTime\":" + (NOW - 2 * DAY) + ",\"EndTime\":" + (NOW - DAY) + "}");
        assertThat(ids(data.getJsonArray("CallRecordList"))).containsExactly("b", "c");
    }

    @Test
    void v4ZeroMeansNotGiven() {
        addCalls(12, NOW - 3600);
        JsonObject data = v4("{\"StartTime\":0,\"EndTime\":0,\"NumberPerPage\":0,\"Page\":0,\"CallResult\":\"\",\"CallType\":\"\"}");
        assertThat(data.getInteger("Page")).isEqualTo(1);
        assertThat(data.getJsonArray("CallRecordList")).hasSize(10);
        assertThat(lastFilter()).isEqualTo(RecordFilter.between(APP, NOW - WEEK, NOW));
    }

    // ---- paging ----

    @ParameterizedTest(name = "{0} a page")
    @ValueSource(ints = {1, 7, 20, 100})
    void pagesCoverEveryRecordExactlyOnceInStartThenCallIdOrder(int perPage) {
        List<CallRecord> records = randomCalls(new Random(perPage), 237);
        api.queries.addAll(records);
        List<String> expected = records.stream()
                .sorted(LocalRecordQueries.ORDER)
                .map(CallRecord::getCallId).toList();
        int pages = (237 + perPage - 1) / perPage;

        List<String> v1Seen = new ArrayList<>();
        List<String> v4Seen = new ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            JsonObject v1 = v1("{\"startTimestamp\":" + (NOW - 3 * DAY) + ",\"numberPerPage\":" + perPage + ",\"page\":" + page + "}");
            assertThat(v1.getLong("totalNum")).isEqualTo(237);
            v1Seen.addAll(ids(v1.getJsonArray("callRecordList")));
            JsonObject v4 = v4("{\"NumberPerPage\":" + perPage + ",\"Page\":" + page + "}");
            assertThat(v4.getLong("TotalNum")).isEqualTo(237);
            v4Seen.addAll(ids(v4.getJsonArray("CallRecordList")));
        }
        assertThat(v1Seen).isEqualTo(expected);
        assertThat(v4Seen).isEqualTo(expected);

        // Past the end: the total, an empty list, and success.
        VendorApiServer.Reply v1Past = api.post(GetRecordsByFilter.PATH,
                "{\"startTimestamp\":" + (NOW - 3 * DAY) + ",\"numberPerPage\":" + perPage + ",\"page\":" + (pages + 1) + "}");
        assertThat(v1Past.code()).isZero();
        assertThat(v1Past.data()).isEqualTo(new JsonObject().put("totalNum", 237).put("page", pages + 1)
                .put("callRecordList", new JsonArray()));
        VendorApiServer.Reply v4Past = api.post(V4GetRecordByFilter.PATH,
                "{\"NumberPerPage\":" + perPage + ",\"Page\":" + (pages + 1) + "}");
        assertThat(v4Past.code()).isZero();
        assertThat(v4Past.response()).isEqualTo(new JsonObject().put("TotalNum", 237).put("Page", pages + 1)
                .put("CallRecordList", new JsonArray()));
    }

    @Test
    void anAbsurdPageIsEmptyNotAnError() {
        addCalls(3, NOW - 60);
        JsonObject v1 = v1("{\"startTimestamp\":" + (NOW - 3600) + ",\"page\":2147483647}");
        assertThat(v1.getJsonArray("callRecordList")).isEmpty();
        assertThat(v1.getLong("totalNum")).isEqualTo(3);
        assertThat(v4("{\"Page\":2147483647,\"NumberPerPage\":100}").getJsonArray("CallRecordList")).isEmpty();
    }

    @Test
    void aPageEndingPastTheDepthWhileRecordsRemainIsRefusedNamingTheWayOn() {
        addCalls(PageRequest.MAX_DEPTH + 50, NOW - 3 * 3600);
        String start = "\"startTimestamp\":" + (NOW - 4 * 3600);
        int lastPage = PageRequest.MAX_DEPTH / 100;
        JsonObject deepest = v1("{" + start + ",\"page\":" + lastPage + "}");
        assertThat(deepest.getJsonArray("callRecordList")).hasSize(100);
        assertThat(deepest.getLong("totalNum")).isEqualTo(PageRequest.MAX_DEPTH + 50);

        VendorApiServer.Reply v1 = api.post(GetRecordsByFilter.PATH, "{" + start + ",\"page\":" + (lastPage + 1) + "}");
        assertThat(v1.code()).as(v1.body()).isEqualTo(70001);
        assertThat(v1.message()).contains("record " + (PageRequest.MAX_DEPTH + 100), "narrow the time range");
        VendorApiServer.Reply v4 = api.post(V4GetRecordByFilter.PATH, "{\"NumberPerPage\":100,\"Page\":" + (lastPage + 1) + "}");
        assertThat(v4.code()).as(v4.body()).isEqualTo(70001);
        // Past the last record, the page is answered from the count, however deep.
        JsonObject past = v1("{" + start + ",\"page\":" + (lastPage + 2) + "}");
        assertThat(past.getJsonArray("callRecordList")).isEmpty();
        assertThat(past.getLong("totalNum")).isEqualTo(PageRequest.MAX_DEPTH + 50);
    }

    // ---- results and types ----

    @ParameterizedTest(name = "{0} is {1} / {2}")
    @CsvSource({
            "cancel,cancel,Cancel", "reject,reject,Reject", "not_answer,not_answer,NotAnswer",
            "normal_end,normal_end,NormalEnd", "call_busy,call_busy,CallBusy", "interrupt,interrupt,Interrupt",
            "failed,failed,Failed", "unknown,offline,Offline",
    })
    void resultsAreShownAndFilteredInEachApisWords(CallResult result, String v1Name, String v4Name) {
        for (CallResult each : CallResult.values()) {
            api.queries.add(call(each.name(), NOW - 60 - each.ordinal()).setCallResult(each).build());
        }
        String start = "\"startTimestamp\":" + (NOW - 3600);

        JsonArray v1 = v1("{" + start + ",\"callResult\":\"" + v1Name + "\"}").getJsonArray("callRecordList");
        assertThat(ids(v1)).containsExactly(result.name());
        assertThat(v1.getJsonObject(0).getString("callResult")).isEqualTo(v1Name);

        JsonArray v4 = v4("{\"CallResult\":\"" + v4Name + "\"}").getJsonArray("CallRecordList");
        assertThat(ids(v4)).containsExactly(result.name());
        assertThat(v4.getJsonObject(0).getString("CallResult")).isEqualTo(v4Name);
    }

    @Test
    void unknownIsAcceptedForOfflineInBothApis() {
        api.queries.add(call("never-reported", NOW - 60).setCallResult(CallResult.unknown), call("ended", NOW - 30));
        assertThat(ids(v1("{\"startTimestamp\":" + (NOW - 3600) + ",\"callResult\":\"unknown\"}").getJsonArray("callRecordList")))
                .containsExactly("never-reported");
        assertThat(ids(v4("{\"CallResult\":\"Unknown\"}").getJsonArray("CallRecordList"))).containsExactly("never-reported");
        assertThat(lastFilter().results()).containsExactly(CallResult.unknown);
    }

    @Test
    void callTypesAreFilteredAndShownInEachApisWords() {
        api.queries.add(call("one-to-one", NOW - 60),
                call("group", NOW - 30).setCallType("group").setMediaType("audio").setRoomId("roomid-1434"),
                call("no-room", NOW - 20).setRoomId(null));
        String start = "\"startTimestamp\":" + (NOW - 3600);
        assertThat(ids(v1("{" + start + ",\"callType\":\"group\"}").getJsonArray("callRecordList"))).containsExactly("group");
        assertThat(ids(v1("{" + start + ",\"callType\":\"single\"}").getJsonArray("callRecordList")))
                .containsExactly("one-to-one", "no-room");

        JsonArray multi = v4("{\"CallType\":\"MultiCall\"}").getJsonArray("CallRecordList");
        assertThat(ids(multi)).containsExactly("group");
        assertThat(multi.getJsonObject(0).getString("CallType")).isEqualTo("MultiCall");
        assertThat(multi.getJsonObject(0).getString("MediaType")).isEqualTo("Audio");
        assertThat(multi.getJsonObject(0).getInteger("RoomIdType")).isEqualTo(2);

        JsonArray single = v4("{\"CallType\":\"SingleCall\"}").getJsonArray("CallRecordList");
        assertThat(ids(single)).containsExactly("one-to-one", "no-room");
        assertThat(single.getJsonObject(0).getString("CallType")).isEqualTo("SingleCall");
        assertThat(single.getJsonObject(0).getString("MediaType")).isEqualTo("Video");
        assertThat(single.getJsonObject(0).getString("RoomId")).isEqualTo("8841");
        assertThat(single.getJsonObject(0).getInteger("RoomIdType")).isEqualTo(1);
        assertThat(single.getJsonObject(1).getString("RoomId")).isEmpty();
        assertThat(single.getJsonObject(1).getInteger("RoomIdType")).isEqualTo(2);
    }

    @Test
    void filtersCombine() {
        api.queries.add(call("match", NOW - 60).setCallType("group").setCallResult(CallResult.normal_end).build(),
                call("wrong-type", NOW - 50).setCallResult(CallResult.normal_end).build(),
                call("wrong-result", NOW - 40).setCallType("group").setCallResult(CallResult.cancel).build());
        assertThat(ids(v1("{\"startTimestamp\":" + (NOW - 3600) + ",\"callType\":\"group\",\"callResult\":\"normal_end\"}")
                .getJsonArray("callRecordList"))).containsExactly("match");
        assertThat(ids(v4("{\"CallType\":\"MultiCall\",\"CallResult\":\"NormalEnd\"}").getJsonArray("CallRecordList")))
                .containsExactly("match");
    }

    // ---- helpers ----

    private static JsonObject v1(String body) {
        VendorApiServer.Reply reply = api.post(GetRecordsByFilter.PATH, body);
        assertThat(reply.code()).as(reply.body()).isZero();
        return reply.data();
    }

    private static JsonObject v4(String body) {
        VendorApiServer.Reply reply = api.post(V4GetRecordByFilter.PATH, body);
        assertThat(reply.code()).as(reply.body()).isZero();
        return reply.response();
    }

    private static RecordFilter lastFilter() {
        List<RecordFilter> seen = api.queries.filtersSeen();
        return seen.get(seen.size() - 1);
    }

    private static CallRecord.Builder call(String callId, long start) {
        return TestRecords.record(APP, callId, start);
    }

    private static void addCalls(int n, long from) {
        for (int i = 0; i < n; i++) {
            api.queries.add(call(String.format("call-%04d", i), from + i).build());
        }
    }

    /** Calls of the last two days, many sharing a start second, so that the call-id tie-break matters. */
    private static List<CallRecord> randomCalls(Random random, int n) {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call("r" + Integer.toString(random.nextInt(1 << 20), 36) + "-" + i, NOW - 2 * DAY + random.nextInt(50)).build());
        }
        return calls;
    }

    private static List<String> ids(JsonArray records) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonObject r = records.getJsonObject(i);
            ids.add(r.containsKey("callId") ? r.getString("callId") : r.getString("CallId"));
        }
        return ids;
    }
}
