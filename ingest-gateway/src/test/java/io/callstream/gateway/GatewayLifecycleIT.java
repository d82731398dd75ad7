package io.callstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@WithKafka
class GatewayLifecycleIT {

    @Test
    void beyondTheInFlightBoundCallbacksAreRefusedAtOnceAndNothingRefusedIsAcknowledged(KafkaCluster kafka) throws Exception {
        try (GatewayHarness gw = new GatewayHarness(kafka, Map.of("CALLSTREAM_MAX_IN_FLIGHT", "1"))) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sent.add(gw.postAsync(GatewayHarness.callback(1400000001L, "caller_start_call", "busy", "u"),
                        GatewayHarness.body("busy-" + i, "alice", "caller", 1L)));
            }
            int busy = 0;
            Set<String> acknowledged = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.get();
                int code = new JsonObject(r.body()).getInteger("ErrorCode");
                if (code == 0) {
                    acknowledged.add(r.headers().firstValue("X-Request-Id").orElseThrow());
                } else {
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(code).isEqualTo(50301);
                    busy++;
                }
            }
            Set<String> stored = new HashSet<>();
            kafka.readAll(gw.eventsTopic, new StringDeserializer(), CallstreamSerdes.callEvent().deserializer())
                    .forEach(r -> stored.add(new String(r.headers().lastHeader(CallbackRoutes.HEADER_REQUEST_ID).value(),
                            StandardCharsets.UTF_8)));

            assertThat(busy).as("200 at once against a bound of 1").isPositive();
            assertThat(acknowledged).isNotEmpty();
            assertThat(stored).isEqualTo(acknowledged); // refused ones were never handed to Kafka
            assertThat(gw.registry.scrape()).contains("outcome=\"busy\"");
        }
    }

    /**
     * 300 connections, every one accepted by the gateway before it stops, each with a callback. 100 are admitted but
     * short of their body's last byte when the shutdown begins (the byte goes once it has): they are in progress for
     * certain, and must be stored and acknowledged. 100 are answered before (and make sure the first 100 were
     * admitted: their heads arrived earlier, on the same event loops); 100 are sent just before the shutdown and race
     * it (read, at the latest, in its refuse window, {@code CALLSTREAM_SHUTDOWN_REFUSE_MS}). Every callback must be answered, acknowledged or refused with "retry", and every acknowledged one must be on
     * the events topic: a connection closed without an answer after its request was sent would leave the sender
     * unable to tell a stored callback from a lost one. Once stopped, a new connection is refused before anything is
     * sent, which the sender retries.
     */
    @Test
    void shutdownAnswersEveryCallbackInProgressAndLosesNoAcknowledgedOne(KafkaCluster kafka) throws Exception {
        int perGroup = 100;
        GatewayHarness gw = new GatewayHarness(kafka, Map.of("CALLSTREAM_SHUTDOWN_GRACE_MS", "5000"));
        int port = gw.gateway.port();
        List<RawConnection> inProgress = new ArrayList<>();
        List<RawConnection> answeredBefore = new ArrayList<>();
        List<RawConnection> racing = new ArrayList<>();
        List<String> lastBytes = new ArrayList<>();
        try {
            for (int i = 0; i < perGroup; i++) {
                String request = drainRequest("in-progress-" + i);
                inProgress.add(new RawConnection(port));
                inProgress.get(i).send(request.substring(0, request.length() - 1));
                lastBytes.add(request.substring(request.length() - 1));
            }
            for (int i = 0; i < perGroup; i++) {
                answeredBefore.add(new RawConnection(port));
                answeredBefore.get(i).send(drainRequest("before-" + i));
            }
            Answers answers = new Answers();
            answeredBefore.forEach(answers::collect);
            assertThat(answers.acknowledged).as("answered before the shutdown").hasSize(perGroup);
            for (int i = 0; i < perGroup; i++) {
                racing.add(new RawConnection(port));
                racing.get(i).send(drainRequest("racing-" + i));
            }
            // Every connection accepted by the gateway, none left in the kernel's backlog, where closing the listener
            // would reset it without the gateway ever seeing it.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                    .until(() -> openConnections(gw) == 3 * perGroup);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(gw::close);
            // The last bytes go once the servers shut down (no new connection is accepted), past the refuse window.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> refusesConnections(port));
            boolean stoppingWhileInProgress = !stopping.isDone();
            for (int i = 0; i < perGroup; i++) {
                inProgress.get(i).send(lastBytes.get(i));
            }
            int acknowledgedBefore = answers.acknowledged.size();
            inProgress.forEach(answers::collect);
            int inProgressAcknowledged = answers.acknowledged.size() - acknowledgedBefore;
            racing.forEach(answers::collect);
            stopping.get(10, TimeUnit.SECONDS);
            Set<String> stored = new HashSet<>();
            kafka.readAll(gw.eventsTopic, new StringDeserializer(), CallstreamSerdes.callEvent().deserializer())
                    .forEach(r -> stored.add(new String(r.headers().lastHeader(CallbackRoutes.HEADER_REQUEST_ID).value(),
                            StandardCharsets.UTF_8)));

            assertThat(answers.dropped).as("requests sent on accepted connections, closed without an answer").isZero();
            assertThat(answers.acknowledged.size() + answers.refused).isEqualTo(3 * perGroup);
            assertThat(stoppingWhileInProgress).as("the shutdown waits for the requests in progress").isTrue();
            assertThat(inProgressAcknowledged).as("admitted before the shutdown, body finished during it").isEqualTo(perGroup);
            assertThat(stored).as("acknowledged callbacks on the events topic").containsAll(answers.acknowledged);
            assertThat(gw.gateway.draining()).isTrue();
            assertThat(refusesConnections(port)).as("a connection once stopped is refused before a byte is sent").isTrue();
        } finally {
            for (List<RawConnection> group : List.of(inProgress, answeredBefore, racing)) {
                group.forEach(RawConnection::close);
            }
            gw.close();
        }
    }

    private static String drainRequest(String callId) {
        return RawConnection.post(GatewayHarness.callback(1400000001L, "caller_start_call", callId, "u"),
                GatewayHarness.body(callId, "alice", "caller", 1L));
    }

    /** Whether a new connection is refused; one that is accepted is closed at once, without a request. */
    private static boolean refusesConnections(int port) {
        try {
            new RawConnection(port).close();
            return false;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ConnectException) {
                return true;
            }
            throw e;
        }
    }

    private static double openConnections(GatewayHarness gw) {
        return gw.registry.get("callstream.gateway.connections.open").gauge().value();
    }

    /** What the connections got back: request ids acknowledged, refusals asking for a retry, and no answer at all. */
    private static final class Answers {
        final Set<String> acknowledged = new HashSet<>();
        int refused;
        int dropped;

        void collect(RawConnection connection) {
            String answer = connection.receiveAnswer(Duration.ofSeconds(10));
            if (answer.isEmpty()) {
                dropped++;
                return;
            }
            int code = new JsonObject(RawConnection.body(answer)).getInteger("ErrorCode");
            if (code == 0) {
                acknowledged.add(RawConnection.header(answer, "X-Request-Id"));
            } else {
                assertThat(code).as("a refusal during shutdown asks for a retry: %s", answer).isEqualTo(50302);
                refused++;
            }
        }
    }
}
