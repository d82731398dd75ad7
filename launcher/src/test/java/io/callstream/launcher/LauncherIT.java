package io.callstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.callstream.launcher.run.CallbackToken;
import io.callstream.launcher.run.Callstream;
import io.callstream.launcher.run.DataDirectory;
import io.callstream.launcher.run.LaunchSettings;
import io.callstream.launcher.run.ReadyToPasteCurls;
import io.callstream.launcher.run.Role;
import io.callstream.launcher.run.SecretKey;
import io.callstream.launcher.run.StartupBanner;
import io.callstream.service.Env;
import io.callstream.service.usersig.UserSig;
import io.callstream.testkit.FreePort;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher in-process, as {@code java -jar callstream.jar} runs it: an embedded broker on a temporary data
 * directory, the topics, the gateway and the Streams app. A whole 1v1 call goes in through the gateway and comes back
 * through the vendor-compatible query API; the printed curls work as printed; after a clean stop and a restart on the
 * same directory with {@code --demo}, the record is still there, the persisted key still signs valid UserSigs, and
 * the emulator's calls become records.
 */
class LauncherIT {

    private static final long APP = 1400000001L;
    private static final String SUCCESS = "{\"ErrorCode\":0,\"ErrorMessage\":\"Success\"}";
    private static final String TOKEN = "launcher-it-Token_42";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aCallThroughTheGatewayIsQueryableSurvivesARestartAndDemoCallsFillIn(@TempDir Path dir) throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        String callId = UUID.randomUUID().toString();
        String clusterId;
        String key;
        String token;
        Instant t0 = Instant.now().minusSeconds(200);

        try (Callstream callstream = Callstream.start(settings(data, false))) {
            assertThat(callstream.broker()).hasValueSatisfying(b -> assertThat(b.formattedNow()).isTrue());
            assertThat(callstream.topicsCreated()).contains("callkit.events", "callkit.events.dlq", "callkit.topology.dlq",
                    "callkit.call-records");
            assertThat(callstream.secretKey().origin()).isEqualTo(SecretKey.Origin.GENERATED);
            clusterId = callstream.broker().orElseThrow().clusterId();
            key = callstream.secretKey().value();
            assertThat(data.clusterSecretFile()).as("the query APIs' instances sign with it").isNotEmptyFile();
            token = callstream.callbackToken().value();

            // The local mode generated a callback token: the callback URL carries it, and a callback without it is refused.
            assertThat(callstream.callbackToken().origin()).isEqualTo(CallbackToken.Origin.GENERATED);
            assertThat(Files.readString(data.callbackTokenFile()).trim()).isEqualTo(token);
            assertThat(callstream.callbackUrl().toString()).startsWith(callstream.gatewayUrl()).endsWith("/" + token);
            assertThat(StartupBanner.text(callstream)).contains("callbacks   " + callstream.callbackUrl()
                    + "  (token generated now, saved in " + data.callbackTokenFile());
            List<Callback> call = wholeCall(callId, t0.getEpochSecond());
            assertThat(new JsonObject(post(callstream.gatewayUrl() + "/callback?" + call.get(0).query(), call.get(0).body()))
                    .getInteger("ErrorCode")).isNotZero();
            for (Callback callback : call) {
                assertThat(post(callstream.callbackUrl() + "?" + callback.query(), callback.body())).isEqualTo(SUCCESS);
            }
            JsonObject record = awaitRecord(callstream.queryUrl(), key, callId);
            assertThat(record.getString("caller")).isEqualTo("alice");
            assertThat(record.getJsonArray("callees")).isEqualTo(new JsonArray(List.of("bob")));
            assertThat(record.getString("callResult")).isEqualTo("normal_end");
            assertThat(record.getLong("acceptTs")).isEqualTo(t0.getEpochSecond() + 12);
            assertThat(record.getLong("endTs")).isEqualTo(t0.getEpochSecond() + 136);

            // The startup message's curls, sent exactly as printed.
            ReadyToPasteCurls.Examples examples = ReadyToPasteCurls.of(callstream.callbackUrl().toString(), callstream.queryUrl(), APP,
                    callstream.adminIdentifier(), key, UUID.randomUUID().toString(), Instant.now());
            assertThat(StartupBanner.text(callstream, examples)).contains(examples.callback(), examples.recordsByFilter(),
                    examples.recordByCallId(), examples.statsOverview(), examples.concurrency(), key, callstream.gatewayUrl(),
                    callstream.queryUrl());
            assertThat(send(CurlCommand.parse(examples.callback()))).isEqualTo(SUCCESS);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> new JsonObject(send(CurlCommand.parse(examples.recordByCallId()))).getInteger("errorCode") == 0);
            JsonObject page = new JsonObject(send(CurlCommand.parse(examples.recordsByFilter())));
            assertThat(page.getInteger("errorCode")).isZero();
            assertThat(page.getJsonObject("data").getInteger("totalNum")).isEqualTo(2);
            // The statistics reach their app's partition through a repartition topic, after the records: wait for them.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonObject today = new JsonObject(send(CurlCommand.parse(examples.statsOverview()))).getJsonObject("today");
                assertThat(today.getLong("calls")).as("both calls started today, R8").isEqualTo(2);
            });
            assertThat(new JsonObject(send(CurlCommand.parse(examples.concurrency()))).getJsonArray("windows"))
                    .as("the first call was in progress over the last hour").isNotEmpty();

            // The banner's dashboard link: the page answers, and the UserSig of its fragment (which a browser never
            // sends) is the admin's, accepted by the analyst API the page reads.
            assertThat(StartupBanner.text(callstream, examples)).contains("dashboard   " + examples.dashboard());
            URI dashboard = URI.create(examples.dashboard());
            assertThat(dashboard.getRawFragment()).startsWith("usersig=");
            HttpResponse<String> dashboardPage = http.send(HttpRequest.newBuilder(new URI(dashboard.getScheme(),
                    dashboard.getAuthority(), dashboard.getPath(), null, null)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(dashboardPage.statusCode()).isEqualTo(200);
            assertThat(dashboardPage.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(dashboardPage.body()).contains("<script src=\"dashboard.js\"></script>");
            HttpResponse<String> overview = http.send(HttpRequest.newBuilder(URI.create(callstream.queryUrl() + "/api/v1/stats/overview"))
                    .header("Authorization", "Bearer " + dashboard.getRawFragment().substring("usersig=".length())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
        }

        try (Callstream restarted = Callstream.start(settings(data, true))) {
            assertThat(restarted.broker().orElseThrow().formattedNow()).isFalse();
            assertThat(restarted.broker().orElseThrow().clusterId()).isEqualTo(clusterId);
            assertThat(restarted.topicsCreated()).isEmpty();
            assertThat(restarted.secretKey()).isEqualTo(new SecretKey(key, SecretKey.Origin.PERSISTED));
            // The same token, so a URL registered before the restart, and the emulator's (--demo), keep working.
            assertThat(restarted.callbackToken()).isEqualTo(new CallbackToken(token, CallbackToken.Origin.PERSISTED));
            assertThat(restarted.callbackUrl().toString()).endsWith("/" + token);
            JsonObject record = awaitRecord(restarted.queryUrl(), key, callId);
            assertThat(record.getString("callResult")).isEqualTo("normal_end");

            // --demo: the emulator's users call each other from now on; the calls that end quickly (busy, failed,
            // rejected, cancelled) are records within seconds.
            assertThat(restarted.demoDescription()).contains("callkit-emulator, 20 calls/s (CALLSTREAM_DEMO_RATE)");
            assertThat(StartupBanner.text(restarted)).contains("demo        callkit-emulator, 20 calls/s");
            // Within a minute of the start, the printed statistics' curls show calls live and in the minute windows.
            ReadyToPasteCurls.Examples curls = ReadyToPasteCurls.of(null, restarted.queryUrl(), APP, restarted.adminIdentifier(),
                    key, UUID.randomUUID().toString(), Instant.now());
            long demoStarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                JsonObject live = new JsonObject(send(CurlCommand.parse(curls.statsOverview()))).getJsonObject("live");
                return live != null && live.getInteger("all") > 0;
            });
            await().atMost(Duration.ofSeconds(60).minusNanos(System.nanoTime() - demoStarted)).pollInterval(Duration.ofMillis(500))
                    .until(() -> new JsonObject(send(CurlCommand.parse(curls.concurrency()))).getJsonArray("windows").stream()
                            .anyMatch(w -> ((JsonObject) w).getInteger("maxConcurrent") >= 2));
            JsonObject filter = new JsonObject().put("startTimestamp", Instant.now().getEpochSecond() - 60).put("numberPerPage", 100);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
                JsonObject page = vendorApi(restarted.queryUrl(), key, "get_records_by_filter", filter);
                return page.getInteger("errorCode") == 0 && page.getJsonObject("data").getJsonArray("callRecordList").stream()
                        .map(r -> ((JsonObject) r).getString("caller")).filter(caller -> caller.startsWith("user-")).count() >= 5;
            });
        }
    }

    /**
     * One artifact for every deployment: against an external cluster ({@code KAFKA_BOOTSTRAP_SERVERS}), no broker is
     * embedded, {@code --role topology} serves queries, {@code --role gateway} only takes callbacks; together they turn
     * a call into a queryable record. Each reads only its own service's settings and, told to
     * ({@code --create-topics}), creates its own service's missing topics.
     */
    @Test
    @WithKafka
    void rolesSplitTheServicesOverAnExternalCluster(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        String key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
        Map<String, String> env = new HashMap<>(fastTimings());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_TOPIC_EVENTS", kafka.newTopicName("roles-events"));
        env.put("CALLSTREAM_TOPIC_EVENTS_DLQ", kafka.newTopicName("roles-dlq"));
        env.put("CALLSTREAM_TOPIC_TOPOLOGY_DLQ", kafka.newTopicName("roles-topology-dlq"));
        env.put("CALLSTREAM_TOPIC_CALL_RECORDS", kafka.newTopicName("roles-records"));
        env.put("CALLSTREAM_TOPIC_CONCURRENCY", kafka.newTopicName("roles-concurrency"));
        env.put("CALLSTREAM_TOPIC_DAILY_STATS", kafka.newTopicName("roles-daily"));
        env.put("CALLSTREAM_APPLICATION_ID", kafka.newTopicName("roles-app"));
        env.put("CALLSTREAM_SECRET_KEY", key);
        env.put("CALLSTREAM_CLUSTER_SECRET", "launcher-it-cluster-secret-0123456789abcdef");
        String callId = UUID.randomUUID().toString();

        // The topology is given no SDKAppIDs (neither --sdkappid nor CALLSTREAM_SDKAPPIDS) and no callback token: only
        // the gateway needs them. Against a cluster nothing is generated: the gateway role needs its token (or an
        // explicit none).
        assertThatThrownBy(() -> Callstream.start(new LaunchSettings(Role.GATEWAY, new DataDirectory(dir.resolve("g")), false,
                false, OptionalInt.of(FreePort.find()), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.of(APP), false, env)))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_CALLBACK_TOKEN is not set");
        Map<String, String> gatewayEnv = new HashMap<>(env);
        gatewayEnv.put("CALLSTREAM_CALLBACK_TOKEN", TOKEN);

        try (Callstream topology = Callstream.start(new LaunchSettings(Role.TOPOLOGY, new DataDirectory(dir.resolve("t")), false,
                false, OptionalInt.empty(), OptionalInt.of(FreePort.find()), OptionalInt.empty(), OptionalLong.empty(), true, env));
             Callstream gateway = Callstream.start(new LaunchSettings(Role.GATEWAY, new DataDirectory(dir.resolve("g")), false,
                false, OptionalInt.of(FreePort.find()), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.of(APP), true,
                gatewayEnv))) {
            assertThat(topology.broker()).as("no embedded broker against a cluster").isEmpty();
            assertThat(gateway.broker()).isEmpty();
            // Each creates the topics of its own service.
            assertThat(topology.topicsCreated()).containsExactlyInAnyOrder(env.get("CALLSTREAM_TOPIC_EVENTS"),
                    env.get("CALLSTREAM_TOPIC_TOPOLOGY_DLQ"), env.get("CALLSTREAM_TOPIC_CALL_RECORDS"), env.get("CALLSTREAM_TOPIC_CONCURRENCY"),
                    env.get("CALLSTREAM_TOPIC_DAILY_STATS"));
            assertThat(gateway.topicsCreated()).containsExactly(env.get("CALLSTREAM_TOPIC_EVENTS_DLQ"));

            for (Callback callback : wholeCall(callId, Instant.now().minusSeconds(200).getEpochSecond())) {
                assertThat(post(gateway.callbackUrl() + "?" + callback.query(), callback.body())).isEqualTo(SUCCESS);
            }
            assertThat(awaitRecord(topology.queryUrl(), key, callId).getString("callResult")).isEqualTo("normal_end");
        }
    }

    private static Map<String, String> fastTimings() {
        return Map.of(
                "CALLSTREAM_SETTLE_DELAY_MS", "500",
                "CALLSTREAM_PUNCTUATE_INTERVAL_MS", "100",
                "KAFKA_STREAMS_COMMIT_INTERVAL_MS", "100",
                "CALLSTREAM_GATEWAY_EVENT_LOOPS", "1",
                "CALLSTREAM_GATEWAY_HOST", "127.0.0.1",
                "CALLSTREAM_QUERY_HOST", "127.0.0.1");
    }

    /** Free ports for everything, so the test runs next to anything else on the machine. */
    private static LaunchSettings settings(DataDirectory data, boolean demo) {
        Map<String, String> env = new HashMap<>(fastTimings());
        env.put("CALLSTREAM_DEMO_RATE", "20");
        return new LaunchSettings(Role.ALL, data, false, demo, OptionalInt.of(FreePort.find()), OptionalInt.of(FreePort.find()),
                OptionalInt.of(0), OptionalLong.empty(), false, env);
    }

    private JsonObject awaitRecord(String queryUrl, String key, String callId) {
        JsonObject[] answer = new JsonObject[1];
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).until(() -> {
            answer[0] = vendorApi(queryUrl, key, "get_record_by_callId", new JsonObject().put("callId", callId));
            return answer[0].getInteger("errorCode") == 0;
        });
        return answer[0].getJsonObject("data");
    }

    /** A v1 records API, as the app's admin. */
    private JsonObject vendorApi(String queryUrl, String key, String api, JsonObject body) throws Exception {
        String sig = UserSig.generate(APP, key, "administrator", Duration.ofMinutes(5), Instant.now());
        return new JsonObject(post(queryUrl + "/v1/records/" + api + "?sdkappid=" + APP
                + "&identifier=administrator&usersig=" + sig + "&random=42&contenttype=json", body.encode()));
    }

    private record Callback(String query, String body) {
    }

    /** Alice calls Bob, Bob answers after 12 s, both hang up at 136 s, then the caller's status callback. */
    private static List<Callback> wholeCall(String callId, long t) {
        return List.of(
                event(callId, "caller_start_call", "alice", "caller", t),
                event(callId, "callee_receive_call", "bob", "callee", t + 1),
                event(callId, "callee_accept_call", "bob", "callee", t + 12),
                event(callId, "caller_call_accepted", "alice", "caller", t + 12),
                event(callId, "caller_call_end", "alice", "caller", t + 136),
                event(callId, "callee_call_end", "bob", "callee", t + 136),
                new Callback(query("normal_end"), common(callId, "alice", "caller", t + 136).put("CallResult", "normal_end")
                        .put("StartCallTs", t).put("AcceptTs", t + 12).put("EndTs", t + 136).encode()));
    }

    private static Callback event(String callId, String command, String user, String role, long time) {
        return new Callback(query(command), common(callId, user, role, time)
                .put("Event", command.substring(command.indexOf('_') + 1)).put("CallResult", "").encode());
    }

    private static JsonObject common(String callId, String user, String role, long time) {
        return new JsonObject().put("UserId", user).put("RoomId", "room-1").put("TotalNum", 2).put("MediaType", "video")
                .put("CallType", "single").put("CallId", callId).put("Role", role).put("EventTime", time);
    }

    private static String query(String command) {
        return "sdkappid=" + APP + "&command=" + command + "&contenttype=json&clientip=10.0.0.9&optplatform=Android";
    }

    private String post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String send(CurlCommand curl) throws Exception {
        return http.send(curl.toRequest(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
