package io.callstream.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.launcher.run.Callstream;
import io.callstream.launcher.run.DataDirectory;
import io.callstream.launcher.run.LaunchSettings;
import io.callstream.launcher.run.Role;
import io.callstream.testkit.FreePort;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the alerts (components/observability/prometheusrule.yaml) and the Grafana dashboard query is one the
 * apps export on /metrics, by its Prometheus name: an alert on a misspelled series never fires. kube_* series come from
 * kube-state-metrics, not from callstream. Kafka's client metrics are bound by Micrometer once a minute, hence the
 * long wait.
 */
class MonitoredMetricsIT {

    private static final Path OBSERVABILITY = RenderedManifests.DEPLOY.resolve("components/observability");
    private static final Pattern SERIES = Pattern.compile("\\b((?:callstream|kafka|jvm)_[a-z0-9_]+)\\b");
    private static final long APP = 1400000001L;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everySeriesTheAlertsAndTheDashboardQueryIsExported(@TempDir Path dir) throws Exception {
        Set<String> queried = queriedSeries();
        assertThat(queried).contains("callstream_gateway_requests_total", "callstream_gateway_dlq_total",
                "callstream_gateway_ack_latency_seconds_bucket", "callstream_fold_timeouts_total",
                "kafka_consumer_fetch_manager_records_lag_max");

        Map<String, String> env = Map.of("CALLSTREAM_GATEWAY_HOST", "127.0.0.1", "CALLSTREAM_QUERY_HOST", "127.0.0.1",
                "CALLSTREAM_GATEWAY_EVENT_LOOPS", "1");
        LaunchSettings settings = new LaunchSettings(Role.ALL, new DataDirectory(dir.resolve("data")), false, false,
                OptionalInt.of(FreePort.find()), OptionalInt.of(FreePort.find()), OptionalInt.of(0), OptionalLong.empty(), false, env);
        try (Callstream callstream = Callstream.start(settings)) {
            // A call accepted and not ended: it is in progress (callstream_calls_in_progress has a row for it).
            String callId = UUID.randomUUID().toString();
            long now = Instant.now().getEpochSecond();
            for (String[] event : new String[][] {{"caller_start_call", "alice", "caller"}, {"callee_receive_call", "bob", "callee"},
                    {"callee_accept_call", "bob", "callee"}, {"caller_call_accepted", "alice", "caller"}}) {
                String command = event[0];
                String body = new JsonObject().put("UserId", event[1]).put("RoomId", "room-1").put("TotalNum", 2)
                        .put("MediaType", "video").put("CallType", "single").put("CallId", callId).put("Role", event[2])
                        .put("EventTime", now).put("Event", command.substring(command.indexOf('_') + 1)).put("CallResult", "")
                        .encode();
                assertThat(post(callstream.callbackUrl() + query(command), body)).contains("\"ErrorCode\":0");
            }
            // Not JSON: acknowledged, and stored in the dead-letter topic.
            assertThat(post(callstream.callbackUrl() + query("caller_start_call"), "{not json")).contains("\"ErrorCode\":0");

            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
                Set<String> exported = exported(callstream.gatewayUrl() + "/metrics");
                exported.addAll(exported(callstream.queryUrl() + "/metrics"));
                assertThat(queried).as("series the alerts or the dashboard query that neither app exports")
                        .allSatisfy(series -> assertThat(exported).contains(series));
            });
        }
    }

    private static Set<String> queriedSeries() throws IOException {
        Set<String> series = new TreeSet<>();
        for (String file : new String[] {"prometheusrule.yaml", "callstream-dashboard.json"}) {
            Matcher m = SERIES.matcher(Files.readString(OBSERVABILITY.resolve(file)));
            while (m.find()) {
                series.add(m.group(1));
            }
        }
        return series;
    }

    private Set<String> exported(String url) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static String query(String command) {
        return "?sdkappid=" + APP + "&command=" + command + "&contenttype=json";
    }

    private String post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
