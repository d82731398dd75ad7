package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.emulator.truth.ConcurrencyOracle;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallScope;
import io.callstream.schemas.WindowGranularity;
import io.callstream.service.Metrics;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.query.internal.InternalApi;
import io.callstream.topology.query.internal.InternalLimits;
import io.callstream.topology.query.internal.InternalRequestAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The query APIs on a real broker: two instances of the Streams app share 6 partitions; every vendor query gives the
 * same answer from either instance (by-callId routed to the key's owner, filters fanned out and merged), and the
 * answers are the records the calls fold to; so do the statistics (the open calls' spans fanned out, the app's
 * statistics asked of the instance that holds them), and they are what the oracles say of those records. The
 * instances ask each other over their internal listeners only, with signed requests. A page past every record is
 * empty with the true total, however large its number.
 */
@WithKafka
class QueryServiceIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void eitherInstanceAnswersEveryQueryTheSameAndRight(KafkaCluster kafka) throws Exception {
        QueryInstances instances = new QueryInstances(kafka, 150, 11);
        int complete = instances.expected.size();

        try (Metrics metrics = new Metrics("query-it");
             StreamsApp one = instances.start(metrics);
             StreamsApp two = instances.start(metrics)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> one.streams().state() == KafkaStreams.State.RUNNING
                    && two.streams().state() == KafkaStreams.State.RUNNING
                    && QueryInstances.activeTasks(one) > 0 && QueryInstances.activeTasks(two) > 0);
            instances.produceAll();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                JsonObject answer = instances.filter(one, 1, 100);
                return answer.getInteger("errorCode") == 0 && answer.getJsonObject("data").getInteger("totalNum") == complete;
            });

            // Filter pages: identical from both instances, every complete call exactly once, in order.
            List<String> seen = new ArrayList<>();
            for (int page = 1; page <= 4; page++) {
                JsonObject fromOne = instances.filter(one, page, 40);
                JsonObject fromTwo = instances.filter(two, page, 40);
                assertThat(fromOne.getJsonObject("data")).isEqualTo(fromTwo.getJsonObject("data"));
                JsonArray list = fromOne.getJsonObject("data").getJsonArray("callRecordList");
                for (int i = 0; i < list.size(); i++) {
                    JsonObject r = list.getJsonObject(i);
                    seen.add(r.getString("callId"));
                    CallRecord want = instances.expected.get(r.getString("callId"));
                    assertThat(want).as(r.getString("callId")).isNotNull();
                    assertThat(r.getLong("startCallTs")).isEqualTo(want.getStartCallTs());
                    assertThat(r.getString("caller")).isEqualTo(want.getCaller());
                }
            }
            assertThat(seen).hasSize(complete).doesNotHaveDuplicates().containsExactlyElementsOf(instances.expectedOrder());

            // By callId: the owner answers whichever instance is asked; each instance owns some of the calls.
            for (CallRecord want : instances.expected.values()) {
                String callId = want.getCallId();
                JsonObject fromOne = instances.byCallId(one, callId);
                JsonObject fromTwo = instances.byCallId(two, callId);
                assertThat(fromOne.getInteger("errorCode")).as(callId).isZero();
                assertThat(fromOne.getJsonObject("data")).isEqualTo(fromTwo.getJsonObject("data"));
                String result = want.getCallResult().name();
                assertThat(fromOne.getJsonObject("data").getString("callResult"))
                        .isEqualTo(result.equals("unknown") ? "offline" : result);
            }
            List<String> open = instances.calls.keySet().stream().filter(id -> !instances.expected.containsKey(id)).toList();
            assertThat(instances.byCallId(one, open.get(0)).getInteger("errorCode")).as("an open call has no record yet").isEqualTo(70011);

            // Calls in progress, paged with cursors, 2 at a time: from either instance, each open call exactly once.
            assertThat(open).hasSizeGreaterThan(4);
            for (StreamsApp app : List.of(one, two)) {
                List<String> listed = new ArrayList<>();
                String cursor = null;
                do {
                    JsonObject page = instances.openCalls(app, 2, cursor);
                    assertThat(page.getLong("totalNum")).isEqualTo(open.size());
                    page.getJsonArray("records").forEach(r -> listed.add(((JsonObject) r).getString("callId")));
                    cursor = page.getString("nextCursor");
                } while (cursor != null && listed.size() <= open.size());
                assertThat(listed).containsExactlyInAnyOrderElementsOf(open);
            }

            // The last page number there is, through the real fan-out: empty, with the true total, from either
            // instance (offset + limit + 1 in int arithmetic once overflowed here, and the answer was 101001 forever).
            String everyCall = "from=" + (instances.base - 1) + "&to=" + (instances.base + 1_100_000);
            for (StreamsApp app : List.of(one, two)) {
                JsonObject v1 = instances.filter(app, Integer.MAX_VALUE, 100);
                assertThat(v1.getInteger("errorCode")).as(v1.encode()).isZero();
                assertThat(v1.getJsonObject("data").getLong("totalNum")).isEqualTo(complete);
                assertThat(v1.getJsonObject("data").getJsonArray("callRecordList")).isEmpty();
                JsonObject analyst = instances.analyst(app, "/api/v1/records?" + everyCall + "&limit=1&page=" + Integer.MAX_VALUE);
                assertThat(analyst.getLong("totalNum")).isEqualTo(complete);
                assertThat(analyst.getJsonArray("records")).isEmpty();
                JsonObject openPage = instances.analyst(app, "/api/v1/calls/open?limit=1&page=" + Integer.MAX_VALUE);
                assertThat(openPage.getLong("totalNum")).isEqualTo(open.size());
                assertThat(openPage.getJsonArray("records")).isEmpty();
            }

            // R7, R8: either instance answers the statistics the same, and as the oracles say of the records; the
            // calls left open (accepted, never ended) are live.
            List<CallRecord> records = List.copyOf(instances.expected.values());
            java.time.ZoneId utc = java.time.ZoneId.of("UTC");
            JsonArray hours = new JsonArray();
            ConcurrencyOracle.windows(QueryInstances.APP, records, utc).stream()
                    .filter(w -> w.getScope() == CallScope.all && w.getGranularity() == WindowGranularity.hour)
                    .forEach(w -> hours.add(new JsonObject().put("windowStartTs", w.getWindowStartTs())
                            .put("windowEndTs", w.getWindowEndTs()).put("maxConcurrent", w.getMaxConcurrent())
                            .put("peakTs", w.getPeakTs())));
            String hourWindows = "/api/v1/concurrency?granularity=hour&inProgress=false&from=" + (instances.base - 3600)
                    + "&to=" + (instances.base + 1_100_000);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> instances.analyst(one, hourWindows).getJsonArray("windows").equals(hours));
            assertThat(instances.analyst(two, hourWindows).getJsonArray("windows")).isEqualTo(hours);
            String days = instances.dailyStatsPath();
            JsonObject totals = instances.analyst(one, days).getJsonObject("totals");
            assertThat(instances.analyst(two, days).getJsonObject("totals")).isEqualTo(totals);
            assertThat(totals.getLong("calls")).isEqualTo(complete);
            assertThat(totals.getLong("participants")).isEqualTo(records.stream().flatMap(r -> r.getParticipants().stream())
                    .map(p -> p.getUserId()).distinct().count());
            for (StreamsApp app : List.of(one, two)) {
                assertThat(instances.analyst(app, "/api/v1/concurrency/live").getInteger("all")).isEqualTo(open.size());
            }

            // Everything above crossed instances over their internal listeners, signed. Those routes are not on the
            // public port at all, and the internal one answers only signed requests, within bounds.
            long openOnBoth = 0;
            String openCalls = null;
            for (StreamsApp app : List.of(one, two)) {
                String partitions = app.streams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                        .flatMap(t -> t.topicPartitions().stream()).filter(tp -> tp.topic().equals(instances.events))
                        .map(tp -> Integer.toString(tp.partition())).sorted().collect(java.util.stream.Collectors.joining(","));
                openCalls = InternalApi.PREFIX + "/open-calls?sdkAppId=" + QueryInstances.APP + "&take=10&partitions=" + partitions;
                assertThat(get(app.port(), openCalls, Map.of()).statusCode()).isEqualTo(404);
                assertThat(get(app.port(), openCalls, sign(openCalls, Clock.systemUTC())).statusCode()).as("signed or not").isEqualTo(404);
                assertThat(get(app.internalPort(), openCalls, Map.of()).statusCode()).isEqualTo(401);
                HttpResponse<String> signed = get(app.internalPort(), openCalls, sign(openCalls, Clock.systemUTC()));
                assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
                openOnBoth += new JsonObject(signed.body()).getLong("total");
            }
            assertThat(openOnBoth).as("each instance's part of the open calls").isEqualTo(open.size());
            Clock expired = Clock.offset(Clock.systemUTC(), InternalRequestAuth.VALIDITY.plusSeconds(5).negated());
            assertThat(get(two.internalPort(), openCalls, sign(openCalls, expired)).statusCode()).isEqualTo(401);
            String tooMany = openCalls.replace("take=10", "take=" + (InternalLimits.MAX_TAKE + 1));
            assertThat(get(two.internalPort(), tooMany, sign(tooMany, Clock.systemUTC())).statusCode()).isEqualTo(400);
        }
    }

    private static Map<String, String> sign(String pathAndQuery, Clock clock) {
        return new InternalRequestAuth(QueryInstances.CLUSTER_SECRET, clock).sign("GET", pathAndQuery, new byte[0]);
    }

    private static HttpResponse<String> get(int port, String pathAndQuery, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
