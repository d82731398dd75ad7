package io.callstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.testkit.PartitionableKafkaCluster;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway's one promise under failure: ErrorCode 0 only for what Kafka holds, a non-zero answer within the bound
 * otherwise, and recovery without a restart. The broker runs behind a proxy whose link the test cuts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayOutageIT {

    private PartitionableKafkaCluster kafka;
    private GatewayHarness gw;
    private final Set<String> acknowledged = new HashSet<>();

    @BeforeAll
    void start() {
        kafka = PartitionableKafkaCluster.start();
        gw = new GatewayHarness(kafka, Map.of("CALLSTREAM_ACK_TIMEOUT_MS", "2000", "CALLSTREAM_MAX_IN_FLIGHT", "50"));
    }

    @AfterAll
    void stop() throws Exception {
        gw.close();
        kafka.close();
    }

    private HttpResponse<String> send(String callId) {
        HttpResponse<String> response = gw.post(GatewayHarness.callback(1400000001L, "caller_start_call", callId, "u"),
                GatewayHarness.body(callId, "alice", "caller", 1704695566L));
        if (new JsonObject(response.body()).getInteger("ErrorCode") == 0) {
            acknowledged.add(response.headers().firstValue("X-Request-Id").orElseThrow());
        }
        return response;
    }

    @Test
    void duringAnOutageCallbacksAreRefusedInTimeAndAfterItTheyAreStoredAgainWithoutARestart() throws Exception {
        assertThat(new JsonObject(send("before").body()).getInteger("ErrorCode")).isZero();

        kafka.cutNetwork();
        long started = System.nanoTime();
        HttpResponse<String> during = send("during");
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(during.body()).getInteger("ErrorCode")).isEqualTo(50300);
        assertThat(new JsonObject(during.body()).getString("ErrorMessage")).contains("retry");
        assertThat(tookMs).as("answered within the 2 s bound (plus scheduling), or sooner when the send fails at once").isLessThan(3000L);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(gw.get("/readyz").statusCode()).isEqualTo(503));

        // A burst while Kafka is away: every callback is refused (not stored, or over the in-flight bound), none acked.
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            burst.add(gw.postAsync(GatewayHarness.callback(1400000001L, "caller_start_call", "burst", "u"),
                    GatewayHarness.body("burst-" + i, "alice", "caller", 1704695566L)));
        }
        List<JsonObject> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : burst) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).isEqualTo(503);
            answers.add(new JsonObject(r.body()));
        }
        assertThat(answers).extracting(a -> a.getInteger("ErrorCode")).allMatch(code -> code == 50300 || code == 50301);

        kafka.restoreNetwork();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> new JsonObject(send("after").body()).getInteger("ErrorCode") == 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gw.get("/readyz").statusCode()).isEqualTo(200));

        // Nothing acknowledged is missing. (Refused callbacks may still have landed: the sender's retry then
        // duplicates them, which the fold absorbs, rule R2.)
        Set<String> stored = new HashSet<>();
        kafka.readAll(gw.eventsTopic, new StringDeserializer(), CallstreamSerdes.callEvent().deserializer())
                .forEach(r -> stored.add(new String(r.headers().lastHeader(CallbackRoutes.HEADER_REQUEST_ID).value(),
                        StandardCharsets.UTF_8)));
        assertThat(stored).containsAll(acknowledged);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(2);
    }
}
