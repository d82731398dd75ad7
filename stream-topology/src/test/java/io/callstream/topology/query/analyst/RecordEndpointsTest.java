package io.callstream.topology.query.analyst;

import static io.callstream.topology.query.analyst.AnalystApiServer.APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.OTHER_APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.START;
import static io.callstream.topology.query.analyst.AnalystApiServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.Participant;
import io.callstream.topology.query.GeneratedRecords;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One record, and calls in progress: {@code /api/v1/records/{callId}}, {@code /api/v1/calls/open[/{callId}]}. */
class RecordEndpointsTest {

    private static final long NOW = START.getEpochSecond();

    private final AnalystApiServer api = AnalystApiServer.start();

    /** A group call as R4 describes one: three joined, two at a time at most, each with a platform and a duration. */
    private static final CallRecord GROUP = CallRecord.newBuilder()
            .setSdkAppId(APP).setCallId("grp-1").setMediaType("video").setRoomId("room-9").setCallType("group")
            .setCaller("alice").setCallees(List.of("bob", "carol", "dave"))
            .setParticipants(List.of(
                    participant("alice", NOW - 600, NOW - 100, "iOS", 500),
                    participant("bob", NOW - 590, NOW - 300, "Android", 290),
                    participant("carol", NOW - 300, NOW - 100, "miniProgram", 200)))
            .setTotalUserNumber(4).setStartCallTs(NOW - 610).setAcceptTs(NOW - 600).setEndTs(NOW - 100)
            .setDurationSec(500).setCallResult(CallResult.normal_end).setPeakParticipants(2)
            .setClosedBy(ClosedBy.complete).setRevision(2).setEventCount(14).build();

    @AfterEach
    void close() {
        api.close();
    }

    private static Participant participant(String user, long join, long leave, String platform, long duration) {
        return Participant.newBuilder().setUserId(user).setJoinTs(join).setLeaveTs(leave).setPlatform(platform)
                .setDurationSec(duration).build();
    }

    @Test
    void aGroupRecordWithItsParticipants() {
        api.queries.addFinished(List.of(GROUP));
        AnalystApiServer.Response response = api.get("/api/v1/records/grp-1");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.json()).isEqualTo(new JsonObject("""
                {"sdkAppId":1400000001,"callId":"grp-1","mediaType":"video","roomId":"room-9","callType":"group",
                 "caller":"alice","callees":["bob","carol","dave"],
                 "participants":[
                   {"userId":"alice","joinTs":1772322600,"leaveTs":1772323100,"platform":"iOS","durationSec":500},
                   {"userId":"bob","joinTs":1772322610,"leaveTs":1772322900,"platform":"Android","durationSec":290},
                   {"userId":"carol","joinTs":1772322900,"leaveTs":1772323100,"platform":"miniProgram","durationSec":200}],
                 "totalUserNumber":4,"startCallTs":1772322590,"acceptTs":1772322600,"endTs":1772323100,"durationSec":500,
                 "callResult":"normal_end","peakParticipants":2,"closedBy":"complete","revision":2,"eventCount":14,
                 "state":"closed"}"""));
    }

    @Test
    void fieldsAreTheAvroSchemasInItsOrderNullsIncluded() {
        CallRecord sparse = new GeneratedRecords(APP, 3).open(NOW - 10);
        sparse = CallRecord.newBuilder(sparse).setCallId("sparse").setRoomId(null).setMediaType(null)
                .setPeakParticipants(null).build();
        api.queries.addOpen(List.of(sparse));
        JsonObject json = api.get("/api/v1/calls/open/sparse").json();
        List<String> expected = new ArrayList<>(CallRecord.getClassSchema().getFields().stream().map(Schema.Field::name)
                .toList());
        expected.add("state");
        assertThat(new ArrayList<>(json.fieldNames())).containsExactlyElementsOf(expected);
        assertThat(json.getValue("roomId")).isNull();
        assertThat(json.containsKey("roomId")).isTrue();
        assertThat(json.encode()).contains("\"roomId\":null", "\"endTs\":null", "\"callResult\":null",
                "\"closedBy\":null");
    }

    @Test
    void aMissingRecordIsNotFound() {
        AnalystApiServer.Response response = api.get("/api/v1/records/nope");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo(70011);
        assertThat(response.errorMessage()).contains("'nope'", "/api/v1/calls/open/{callId}");
    }

    @Test
    void anotherAppsRecordIsNotFound() {
        api.queries.addFinished(List.of(CallRecord.newBuilder(GROUP).setSdkAppId(OTHER_APP).build()));
        assertThat(api.get("/api/v1/records/grp-1").status()).isEqualTo(404);
    }

    @Test
    void aCallIdIsAPathSegmentPercentEncoded() {
        api.queries.addFinished(List.of(CallRecord.newBuilder(GROUP).setCallId("a b/c").build()));
        assertThat(api.get("/api/v1/records/" + encode("a b/c").replace("+", "%20")).json().getString("callId"))
                .isEqualTo("a b/c");
    }

    @Test
    void anOpenCallSaysSoWithWhatIsKnown() {
        CallRecord open = new GeneratedRecords(APP, 5).open(NOW - 30);
        api.queries.addOpen(List.of(open));
        JsonObject json = api.get("/api/v1/calls/open/" + open.getCallId()).json();
        assertThat(json.getString("state")).isEqualTo("open");
        assertThat(json.getString("callId")).isEqualTo(open.getCallId());
        assertThat(json.getLong("startCallTs")).isEqualTo(NOW - 30);
        assertThat(json.getValue("endTs")).isNull();
        assertThat(json.getValue("callResult")).isNull();
        assertThat(json.getValue("closedBy")).isNull();
    }

    @Test
    void aFinishedCallAskedForAsOpenIsClosed() {
        api.queries.addFinished(List.of(GROUP));
        JsonObject json = api.get("/api/v1/calls/open/grp-1").json();
        assertThat(json.getString("state")).isEqualTo("closed");
        assertThat(json.getString("callResult")).isEqualTo("normal_end");
    }

    @Test
    void anUnknownCallIsNotFound() {
        AnalystApiServer.Response response = api.get("/api/v1/calls/open/nope");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo(70011);
    }

    @Test
    void openCallsNewestFirstAPageAtATime() {
        GeneratedRecords generator = new GeneratedRecords(APP, 11);
        List<CallRecord> open = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            open.add(generator.open(NOW - 60L * (i % 10)));
        }
        api.queries.addOpen(open);
        api.queries.addOpen(List.of(new GeneratedRecords(OTHER_APP, 1).open(NOW)));
        List<String> expected = open.stream().sorted(LocalRecordQueries.ORDER.reversed()).map(CallRecord::getCallId)
                .toList();

        List<String> byCursor = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = api.get("/api/v1/calls/open?limit=5" + (cursor == null ? "" : "&cursor=" + encode(cursor)))
                    .json();
            assertThat(page.fieldNames()).containsExactlyInAnyOrder("totalNum", "records", "nextCursor");
            assertThat(page.getLong("totalNum")).isEqualTo(23);
            page.getJsonArray("records").forEach(r -> assertThat(((JsonObject) r).getString("state")).isEqualTo("open"));
            byCursor.addAll(ids(page.getJsonArray("records")));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(byCursor).containsExactlyElementsOf(expected);

        List<String> byPage = new ArrayList<>();
        for (int page = 1; page <= 5; page++) {
            byPage.addAll(ids(api.get("/api/v1/calls/open?limit=5&page=" + page).json().getJsonArray("records")));
        }
        assertThat(byPage).containsExactlyElementsOf(expected);
        assertThat(api.get("/api/v1/calls/open").json().getJsonArray("records")).hasSize(23);
    }

    @Test
    void aRecordsCursorIsNotAnOpenCallsCursorNorTheOtherWayRound() {
        api.queries.addOpen(List.of(new GeneratedRecords(APP, 1).open(NOW), new GeneratedRecords(APP, 2).open(NOW)));
        api.queries.addFinished(new GeneratedRecords(APP, 3).finished(3, NOW - 100, 60));
        String openCursor = api.get("/api/v1/calls/open?limit=1").json().getString("nextCursor");
        String recordsCursor = api.get("/api/v1/records?limit=1").json().getString("nextCursor");
        assertThat(api.get("/api/v1/records?cursor=" + encode(openCursor)).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/calls/open?cursor=" + encode(recordsCursor)).status()).isEqualTo(400);
    }

    private static List<String> ids(JsonArray records) {
        return records.stream().map(r -> ((JsonObject) r).getString("callId")).toList();
    }
}
