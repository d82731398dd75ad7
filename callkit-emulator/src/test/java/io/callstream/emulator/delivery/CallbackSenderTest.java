package io.callstream.emulator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.emulator.testing.FakeReceiver;
import io.callstream.emulator.testing.FakeReceiver.Answer;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sender's retry behaviour (protocol §1.5) against a local receiver that fails on purpose. */
class CallbackSenderTest {

    /** The vendor's shape at a hundredth of the time: 0, 10, 10, 20, 30, 50 ms. */
    private static final RetrySchedule FAST = RetrySchedule.VENDOR.scaled(0.01);
    private static final CallbackRequest REQUEST = new CallbackRequest("sdkappid=1400000001&command=cancel&contenttype=json",
            "{\"CallId\":\"c1\"}".getBytes(StandardCharsets.UTF_8));

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theDefaultScheduleIsTheVendors() {
        assertThat(RetrySchedule.VENDOR.waits()).containsExactly(Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertThat(RetrySchedule.VENDOR.maxAttempts()).isEqualTo(7);
        assertThat(SenderSettings.defaults().retries()).isEqualTo(RetrySchedule.VENDOR);
        assertThat(FAST.waits()).extracting(Duration::toMillis).containsExactly(0L, 10L, 10L, 20L, 30L, 50L);
    }

    @Test
    void retriesUntilAcknowledgedAfterTheScheduledWaits() {
        AtomicInteger calls = new AtomicInteger();
        // Fails 4 times: ErrorCode != 0 with HTTP 200, then HTTP errors, then succeeds.
        try (FakeReceiver receiver = FakeReceiver.start(vertx, r -> switch (calls.incrementAndGet()) {
            case 1 -> new Answer(200, 50300);
            case 2, 3 -> new Answer(503, 50301);
            case 4 -> new Answer(500, 0); // an HTTP error is a failure whatever the body says
            default -> Answer.OK;
        }); CallbackSender sender = new CallbackSender(vertx, SenderSettings.defaults().withRetries(FAST))) {
            DeliveryResult result = join(sender.send(receiver.address(), REQUEST));
            assertThat(result.acknowledged()).isTrue();
            assertThat(result.attempts()).isEqualTo(5);
            assertThat(sender.stats()).isEqualTo(new DeliveryStats(5, 1, 4, 0, 0));
            List<Long> at = receiver.received().stream().map(FakeReceiver.Received::atMs).toList();
            // Waits before attempts 3, 4, 5: 10, 10, 20 ms at least.
            assertThat(at.get(2) - at.get(1)).isGreaterThanOrEqualTo(10);
            assertThat(at.get(3) - at.get(2)).isGreaterThanOrEqualTo(10);
            assertThat(at.get(4) - at.get(3)).isGreaterThanOrEqualTo(20);
            assertThat(receiver.received()).extracting(FakeReceiver.Received::body).containsOnly("{\"CallId\":\"c1\"}");
        }
    }

    @Test
    void givesUpAfterSevenAttempts() {
        try (FakeReceiver receiver = FakeReceiver.start(vertx, r -> new Answer(503, 50300));
             CallbackSender sender = new CallbackSender(vertx, SenderSettings.defaults().withRetries(FAST))) {
            DeliveryResult result = join(sender.send(receiver.address(), REQUEST));
            assertThat(result.acknowledged()).isFalse();
            assertThat(result.attempts()).isEqualTo(7);
            assertThat(result.httpStatus()).isEqualTo(503);
            assertThat(result.errorCode()).isEqualTo(50300);
            assertThat(receiver.received()).hasSize(7);
            assertThat(sender.stats()).isEqualTo(new DeliveryStats(7, 0, 6, 1, 0));
        }
    }

    @Test
    void aConnectionErrorIsRetriedToo() {
        try (CallbackSender sender = new CallbackSender(vertx, SenderSettings.defaults().withRetries(FAST))) {
            DeliveryResult result = join(sender.send("http://127.0.0.1:1/callback", REQUEST));
            assertThat(result.acknowledged()).isFalse();
            assertThat(result.attempts()).isEqualTo(7);
            assertThat(result.httpStatus()).isZero();
            assertThat(sender.stats().givenUp()).isEqualTo(1);
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsAFailure() {
        try (CallbackSender sender = new CallbackSender(vertx, SenderSettings.defaults()
                .withRetries(RetrySchedule.NONE).withRequestTimeout(Duration.ofMillis(200)))) {
            var silent = vertx.createHttpServer().requestHandler(req -> { }); // never answers
            silent.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
            DeliveryResult result = join(sender.sendOnce("http://127.0.0.1:" + silent.actualPort() + "/", REQUEST));
            assertThat(result.acknowledged()).isFalse();
            assertThat(sender.stats().refused()).isEqualTo(1);
            silent.close();
        }
    }

    @Test
    void sendOnceNeverRetriesAndTheQueryIsAppendedToTheAddress() {
        try (FakeReceiver receiver = FakeReceiver.start(vertx, r -> new Answer(403, 40300));
             CallbackSender sender = new CallbackSender(vertx, SenderSettings.defaults().withRetries(FAST))) {
            DeliveryResult result = join(sender.sendOnce(receiver.address() + "?token=abc", REQUEST));
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(receiver.received()).singleElement().extracting(FakeReceiver.Received::query)
                    .isEqualTo("token=abc&" + REQUEST.query());
            assertThat(sender.stats()).isEqualTo(new DeliveryStats(1, 0, 0, 0, 1));
        }
    }

    @Test
    void concurrencyBoundsTheRequestsInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        var slow = vertx.createHttpServer().requestHandler(req -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            vertx.setTimer(20, id -> {
                inFlight.decrementAndGet();
                req.response().end("{\"ErrorCode\":0,\"ErrorMessage\":\"Success\"}");
            });
        });
        slow.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        try (CallbackSender sender = new CallbackSender(vertx, SenderSettings.defaults().withConcurrency(3))) {
            List<io.vertx.core.Future<DeliveryResult>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                all.add(sender.send("http://127.0.0.1:" + slow.actualPort() + "/", REQUEST));
            }
            all.forEach(CallbackSenderTest::join);
            assertThat(most.get()).isEqualTo(3);
            assertThat(sender.stats().acked()).isEqualTo(30);
        } finally {
            slow.close();
        }
    }

    private static DeliveryResult join(io.vertx.core.Future<DeliveryResult> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
