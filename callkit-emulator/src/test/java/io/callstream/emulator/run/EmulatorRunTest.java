package io.callstream.emulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.emulator.call.Callback;
import io.callstream.emulator.call.GeneratorSettings;
import io.callstream.emulator.config.CallbackConfig;
import io.callstream.emulator.config.CallbackConfigStore;
import io.callstream.emulator.config.CallbackTarget;
import io.callstream.emulator.delivery.RetrySchedule;
import io.callstream.emulator.delivery.SenderSettings;
import io.callstream.emulator.fault.FaultSettings;
import io.callstream.emulator.fault.GatewayTreatment;
import io.callstream.emulator.fault.MalformedKind;
import io.callstream.emulator.testing.FakeReceiver;
import io.callstream.emulator.truth.GroundTruth;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallbackCommand;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole runs against a local receiver: what is sent, fault counts, and a ground truth that faults do not change. */
class EmulatorRunTest {

    private static final long APP = GeneratorSettings.DEFAULT_SDK_APP_ID;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static RunSettings fast(int calls) {
        return RunSettings.defaults().withCalls(calls).withGenerator(GeneratorSettings.defaults().withSeed(5))
                .withSender(SenderSettings.defaults().withRetries(RetrySchedule.VENDOR.scaled(0.01)));
    }

    @Test
    void everyCallbackArrivesAndTheTruthIsTheExpectedOne() {
        try (FakeReceiver receiver = FakeReceiver.gatewayLike(vertx, APP)) {
            RunResult result = run(fast(300), CallbackTarget.fixed(CallbackConfig.allActions(receiver.address())));
            int callbacks = result.stories().stream().mapToInt(s -> s.callbacks().size()).sum();
            assertThat(receiver.received()).hasSize(callbacks);
            assertThat(result.report().originalsSent()).isEqualTo(callbacks);
            assertThat(result.report().acknowledged()).hasSize(callbacks);
            assertThat(result.report().givenUp()).isEmpty();
            assertThat(result.truth()).isEqualTo(GroundTruth.expected(APP, result.stories(), EnumSet.copyOf(CallbackCommand.documented())));
            assertThat(result.summary()).containsEntry("calls", 300).containsEntry("callbacksLost", 0);
        }
    }

    @Test
    void faultsAreCountedAndDoNotChangeTheTruth() throws Exception {
        FaultSettings faults = FaultSettings.none().withDuplicate(0.2).withReorder(0.5).withDelay(0.2, Duration.ofMillis(50))
                .withMalformed(0.5);
        try (FakeReceiver receiver = FakeReceiver.gatewayLike(vertx, APP)) {
            RunResult result = run(fast(200).withFaults(faults), CallbackTarget.fixed(CallbackConfig.allActions(receiver.address())));
            DeliveryPlan plan = result.plan();
            DispatchReport report = result.report();
            int callbacks = result.stories().stream().mapToInt(s -> s.callbacks().size()).sum();

            assertThat(plan.duplicates()).isBetween(callbacks / 10, callbacks * 3 / 10);
            assertThat(plan.reorderedCalls()).isBetween(60, 140);
            assertThat(plan.delayed()).isPositive();
            assertThat(report.duplicatesSent()).isEqualTo(plan.duplicates());
            Map<MalformedKind, Long> planned = plan.malformed().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue()));
            assertThat(report.malformedSent()).isEqualTo(planned);
            assertThat(planned.keySet()).containsExactlyInAnyOrder(MalformedKind.values());
            // The gateway-like receiver refuses only the foreign app; every other malformed request is acknowledged.
            for (MalformedKind kind : MalformedKind.values()) {
                long sent = planned.get(kind);
                if (kind.treatment() == GatewayTreatment.REFUSED) {
                    assertThat(report.malformedRefused()).containsEntry(kind, sent);
                } else {
                    assertThat(report.malformedAcked()).containsEntry(kind, sent);
                }
            }
            assertThat(receiver.received()).hasSize(callbacks + plan.duplicates() + (int) report.malformedSentTotal());
            // Malformed extras, duplicates and reordering leave the truth as it was.
            assertThat(result.truth()).isEqualTo(GroundTruth.expected(APP, result.stories(), EnumSet.copyOf(CallbackCommand.documented())));

            // What reached the receiver, read as the receiver reads it, has each record's eventCount distinct callbacks.
            Map<String, Set<String>> identities = new java.util.HashMap<>();
            for (FakeReceiver.Received r : receiver.received()) {
                JsonNode body;
                try {
                    body = JSON.readTree(r.body());
                } catch (Exception e) {
                    continue; // invalid JSON: dead-lettered by the gateway
                }
                if (!body.isObject() || !body.hasNonNull("CallId") || !String.valueOf(APP).equals(r.sdkAppId())
                        || r.command() == null || CallbackCommand.fromWireName(r.command()).isEmpty()
                        || !body.get("EventTime").isIntegralNumber() || !body.get("TotalNum").isIntegralNumber()) {
                    continue; // dead-lettered, refused or stored as unknown
                }
                identities.computeIfAbsent(body.get("CallId").asText(), k -> new java.util.HashSet<>())
                        .add(r.command() + "|" + body.get("UserId").asText() + "|" + body.get("EventTime").asLong()
                                + "|" + body.get("Role").asText() + "|" + body.get("CallResult").asText());
            }
            for (CallRecord record : result.truth().records()) {
                assertThat(identities.get(record.getCallId())).hasSize(record.getEventCount());
            }
        }
    }

    @Test
    void onlyTheConfiguredActionsAreSentAndLostCallbacksLeaveTheTruth() {
        CallbackConfigStore store = new CallbackConfigStore();
        // The receiver never acknowledges caller_call_end: given up after 7 attempts each.
        try (FakeReceiver receiver = FakeReceiver.start(vertx, r -> "caller_call_end".equals(r.command())
                ? new FakeReceiver.Answer(503, 50300) : FakeReceiver.Answer.OK)) {
            store.set(APP, new CallbackConfig(receiver.address(), List.of("caller_start_call", "callee_accept_call",
                    "caller_call_end", "callee_call_end", "normal_end")));
            RunResult result = run(fast(100), store);
            assertThat(receiver.received()).extracting(FakeReceiver.Received::command).doesNotContain("callee_receive_call", "cancel");
            List<Callback> lost = result.report().givenUp();
            assertThat(lost).isNotEmpty().allMatch(c -> c.command() == CallbackCommand.CALLER_CALL_END);
            assertThat(result.report().sender().givenUp()).isEqualTo(lost.size());
            assertThat(result.report().notSubscribed()).isPositive();
            Set<CallbackCommand> reaching = EnumSet.of(CallbackCommand.CALLER_START_CALL, CallbackCommand.CALLEE_ACCEPT_CALL,
                    CallbackCommand.CALLEE_CALL_END, CallbackCommand.NORMAL_END);
            assertThat(result.truth()).isEqualTo(GroundTruth.expected(APP, result.stories(), reaching));
        }
    }

    @Test
    void withoutAConfigurationNothingIsSent() {
        try (FakeReceiver receiver = FakeReceiver.gatewayLike(vertx, APP)) {
            RunResult result = run(fast(20).withFaults(FaultSettings.none().withMalformed(1)), new CallbackConfigStore());
            assertThat(receiver.received()).isEmpty();
            assertThat(result.report().unconfigured()).isEqualTo(result.plan().sends().size());
            assertThat(result.truth().records()).isEmpty();
            assertThat(result.truth().unrecordedCalls()).isEqualTo(20);
        }
    }

    @Test
    void theSameSeedPlansTheSameFaults() {
        FaultSettings faults = FaultSettings.none().withDuplicate(0.3).withReorder(0.3).withMalformed(0.3)
                .withDelay(0.3, Duration.ofMillis(100));
        var stories = new io.callstream.emulator.call.CallGenerator(GeneratorSettings.defaults()).generate(100);
        assertThat(sends(DeliveryPlan.of(stories, Pacing.asFastAsPossible(), faults, 9)))
                .isEqualTo(sends(DeliveryPlan.of(stories, Pacing.asFastAsPossible(), faults, 9)))
                .isNotEqualTo(sends(DeliveryPlan.of(stories, Pacing.asFastAsPossible(), faults, 10)));
    }

    private static List<String> sends(DeliveryPlan plan) {
        return plan.sends().stream().map(s -> s.dueMs() + " " + s.order() + " " + s.kind() + " " + s.malformed() + " "
                + s.request().query() + " " + new String(s.request().body(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aPacedTimelineSendsCallbacksWhenTheirActionsHappen() {
        try (FakeReceiver receiver = FakeReceiver.gatewayLike(vertx, APP)) {
            // 3 calls at 1 call/s played 100 times faster than real time: the 1v1 ones are a few seconds long.
            RunSettings settings = fast(3).withSpeed(100).withGenerator(GeneratorSettings.defaults().withCallsPerSecond(1)
                    .withGroupShare(0));
            RunResult result = run(settings, CallbackTarget.fixed(CallbackConfig.allActions(receiver.address())));
            long first = result.stories().get(0).startTs();
            long last = result.stories().stream().flatMap(s -> s.callbacks().stream()).mapToLong(Callback::eventTime).max().orElseThrow();
            List<Long> at = receiver.received().stream().map(FakeReceiver.Received::atMs).sorted().toList();
            // Unpaced, everything would arrive within a few ms. Paced, the span is the timeline's, 10 ms per second;
            // a loaded machine may send the first callback late, which shortens the measured span a little: allow 20%.
            assertThat(at.get(at.size() - 1) - at.get(0)).isGreaterThanOrEqualTo((last - first) * 10 * 8 / 10);
        }
    }

    private static RunResult run(RunSettings settings, CallbackTarget target) {
        return EmulatorRun.run(vertx, settings, target).toCompletionStage().toCompletableFuture().join();
    }
}
