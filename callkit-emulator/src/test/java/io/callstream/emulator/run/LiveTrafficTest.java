package io.callstream.emulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.emulator.call.GeneratorSettings;
import io.callstream.emulator.config.CallbackConfig;
import io.callstream.emulator.config.CallbackTarget;
import io.callstream.emulator.testing.FakeReceiver;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live traffic: calls start now, each callback goes out when its action happens, and closing stops everything. */
class LiveTrafficTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void callsStartNowAreSentWhenTheyHappenAndStopWhenClosed() throws Exception {
        try (FakeReceiver receiver = FakeReceiver.gatewayLike(vertx, GeneratorSettings.DEFAULT_SDK_APP_ID)) {
            long startedAtMs = System.currentTimeMillis();
            LiveTraffic traffic = LiveTraffic.start(vertx,
                    RunSettings.defaults().withGenerator(GeneratorSettings.defaults().withCallsPerSecond(20)),
                    CallbackTarget.fixed(CallbackConfig.allActions(receiver.address())));
            long deadline = System.currentTimeMillis() + 8_000;
            while (traffic.sender().acked() < 30 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            traffic.close();
            long closedAtMs = System.currentTimeMillis();
            Thread.sleep(300); // answers in flight
            int atClose = receiver.received().size();

            // The first slice's calls are started (about 200: 10 s at 20 calls/s), but only what happened so far was sent.
            assertThat(traffic.callsStarted()).isBetween(100L, 400L);
            Set<String> calls = receiver.received().stream().map(r -> field(r, "CallId")).collect(Collectors.toSet());
            assertThat(calls).hasSizeGreaterThanOrEqualTo(5);
            List<Long> eventTimes = receiver.received().stream().map(r -> Long.parseLong(field(r, "EventTime"))).toList();
            assertThat(eventTimes).allSatisfy(t -> assertThat(t).isBetween(startedAtMs / 1000, closedAtMs / 1000 + 1));
            receiver.received().forEach(r -> assertThat(r.atMs()).as("sent when it happened, not before")
                    .isGreaterThanOrEqualTo(Long.parseLong(field(r, "EventTime")) * 1000));
            assertThat(traffic.sender().acked()).isGreaterThanOrEqualTo(30).isLessThanOrEqualTo(atClose); // in flight at close: not acknowledged
            assertThat(traffic.sender().givenUp()).isZero();

            Thread.sleep(1_500);
            assertThat(receiver.received()).as("nothing sent after close").hasSize(atClose);
        }
    }

    private static String field(FakeReceiver.Received r, String name) {
        try {
            return JSON.readTree(r.body()).get(name).asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
