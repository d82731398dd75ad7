package io.callstream.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static io.callstream.launcher.e2e.GroundTruthChecks.assertRevisionsCountUp;
import static io.callstream.launcher.e2e.GroundTruthChecks.assertSame;
import static io.callstream.launcher.e2e.GroundTruthChecks.awaitSame;
import static io.callstream.launcher.e2e.GroundTruthChecks.latestRecords;
import static org.awaitility.Awaitility.await;

import io.callstream.emulator.call.CallGenerator;
import io.callstream.emulator.call.CallStory;
import io.callstream.emulator.call.Callback;
import io.callstream.emulator.call.GeneratorSettings;
import io.callstream.emulator.config.CallbackConfig;
import io.callstream.emulator.config.CallbackTarget;
import io.callstream.emulator.delivery.CallbackSender;
import io.callstream.emulator.delivery.SenderSettings;
import io.callstream.emulator.fault.FaultSettings;
import io.callstream.emulator.fault.GatewayTreatment;
import io.callstream.emulator.fault.MalformedKind;
import io.callstream.emulator.run.DispatchReport;
import io.callstream.emulator.run.EmulatorRun;
import io.callstream.emulator.run.RunResult;
import io.callstream.emulator.run.RunSettings;
import io.callstream.emulator.truth.ConcurrencyOracle;
import io.callstream.emulator.truth.DailyOracle;
import io.callstream.emulator.truth.GroundTruth;
import io.callstream.gateway.Gateway;
import io.callstream.gateway.GatewayConfig;
import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallbackCommand;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.Participant;
import io.callstream.schemas.EventKind;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.service.Env;
import io.callstream.service.Metrics;
import io.callstream.testkit.FreePort;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.app.StreamsAppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline against the vendor's side: the call emulator sends the callbacks of 2,000 calls (1v1 and group,
 * every result) with duplicates, reordering, delays and malformed extras, with the vendor's retry schedule, to the
 * real gateway, which is stopped and restarted on the same port while the emulator sends; 20 more calls are left open
 * and closed by the fold's idle timeout. The Streams app folds the events and serves the v1 records APIs. Everything must equal the emulator's ground truth, computed
 * from the callbacks the gateway acknowledged:
 *
 * <ul>
 *   <li>{@code callkit.call-records}, read committed, latest revision per key: every {@code CallRecord} field but
 *       {@code revision} (a late retry may revise a record without changing it: docs/emulator.md); revisions of a key
 *       are 1, 2, ... with none emitted twice;</li>
 *   <li>get_records_by_filter, paged through to the end, and get_record_by_callId for every call: the documented
 *       members of each record, in order;</li>
 *   <li>the dead-letter topic: as many records per reason as the emulator's malformed extras of each kind were
 *       acknowledged; the foreign app's were all refused; unknown commands are on the events topic;</li>
 *   <li>every callback the emulator saw acknowledged is on the events topic, byte for byte, and nothing was lost: the
 *       truth of what was acknowledged is the truth of everything the calls sent.</li>
 * </ul>
 */
@WithKafka
class EndToEndIT {

    private static final long APP = GeneratorSettings.DEFAULT_SDK_APP_ID;
    private static final String KEY = "e2e-secret-key";
    private static final String CALLBACK_TOKEN = "e2e-callback-token-0123";
    private static final int CALLS = 2_000;
    /** Calls left open (accepted, never ended), sent before the others so that their idle timeout runs meanwhile. */
    private static final int OPEN_CALLS = 20;
    /**
     * Closes the calls left open. Every other call must not go this long without a new callback, or it would be closed
     * early too: longer than the whole run takes (checked below from the gateway's receive times).
     */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(45);
    /** Slack between the gateway receiving a callback and the fold reading it. */
    private static final Duration FOLD_LAG_ALLOWANCE = Duration.ofSeconds(5);
    /** The gateway stops once this share of the callbacks was acknowledged. */
    private static final double RESTART_AT = 0.4;
    private static final Duration GATEWAY_DOWN = Duration.ofSeconds(2);
    /** The statistics' zone: the default (R7, R8). */
    private static final java.time.ZoneId STATS_ZONE = java.time.ZoneId.of("UTC");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void emulatedCallsFoldToTheGroundTruthThroughFaultsAndAGatewayRestart(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        PipelineTopics topics = PipelineTopics.create(kafka, "e2e");
        String events = topics.events();
        String deadLetters = topics.deadLetters();
        String records = topics.records();
        String concurrency = topics.concurrency();
        String daily = topics.daily();
        Map<String, String> env = environment(kafka, events, deadLetters, records, dir);
        env.put("CALLSTREAM_TOPIC_CONCURRENCY", concurrency);
        env.put("CALLSTREAM_TOPIC_DAILY_STATS", daily);

        // A timeline ending in the past, within the records' retention, played as fast as the gateway takes it.
        long timelineStart = (Instant.now().getEpochSecond() / 3600 - 3) * 3600;
        RunSettings settings = RunSettings.defaults().withCalls(CALLS)
                .withGenerator(GeneratorSettings.defaults().withSeed(20261123).withStartEpochSecond(timelineStart)
                        .withGroupShare(0.25))
                .withFaults(FaultSettings.none().withDuplicate(0.05).withReorder(0.2).withDelay(0.05, Duration.ofSeconds(2))
                        .withMalformed(0.03))
                .withSender(SenderSettings.defaults()); // the vendor's retry schedule, unscaled
        RunSettings openSettings = RunSettings.defaults().withCalls(OPEN_CALLS)
                .withGenerator(GeneratorSettings.defaults().withSeed(7).withStartEpochSecond(timelineStart)
                        .withGroupShare(0).withOpenShare(1));
        List<CallStory> stories = new CallGenerator(settings.generator()).generate(CALLS); // the run makes the same
        int callbacks = stories.stream().mapToInt(s -> s.callbacks().size()).sum();

        Vertx vertx = Vertx.vertx();
        try (Metrics metrics = new Metrics("e2e-topology");
             StreamsApp streams = StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry());
             RestartableGateway gateway = new RestartableGateway(GatewayConfig.from(new Env(env)))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.streams().state() == KafkaStreams.State.RUNNING);
            gateway.start();

            CallbackTarget target = CallbackTarget.fixed(CallbackConfig.allActions(gateway.callbackUrl()));
            RunResult openRun = EmulatorRun.run(vertx, openSettings, target).toCompletionStage().toCompletableFuture().join();
            assertThat(openRun.stories()).allMatch(CallStory::leftOpen);

            // Send; stop the gateway part-way, while callbacks are in flight, and start a new one on the same port.
            CallbackSender sender = new CallbackSender(vertx, settings.sender());
            long sendBegan = System.nanoTime();
            CompletableFuture<RunResult> running = EmulatorRun.run(vertx, settings, target, sender)
                    .toCompletionStage().toCompletableFuture();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> sender.stats().acked() >= callbacks * RESTART_AT);
            long downBegan = System.nanoTime();
            gateway.stop();
            assertThat(running).as("the emulator is still sending when the gateway stops").isNotDone();
            Thread.sleep(GATEWAY_DOWN.toMillis());
            gateway.start();
            long downMs = (System.nanoTime() - downBegan) / 1_000_000;
            RunResult result = running.get(2, TimeUnit.MINUTES);
            long sendMs = (System.nanoTime() - sendBegan) / 1_000_000;
            sender.close();
            DispatchReport report = result.report();

            // Nothing acknowledged is lost, and with the vendor's retries nothing at all: the truth of what was
            // acknowledged is the truth of every callback the calls made.
            assertThat(report.sender().retried()).as("the restart made the sender retry").isPositive();
            assertThat(report.givenUp()).as("callbacks given up").isEmpty();
            assertThat(result.truth()).isEqualTo(GroundTruth.expected(APP, stories, EnumSet.copyOf(CallbackCommand.documented())));
            List<CallEvent> stored = kafka.readAll(events, new StringDeserializer(), CallstreamSerdes.callEvent().deserializer())
                    .stream().map(ConsumerRecord::value).toList();
            Set<String> storedRequests = stored.stream().map(e -> e.getRawQuery() + "\n" + utf8(e.getRawBody())).collect(Collectors.toSet());
            List<Callback> acknowledged = new ArrayList<>(report.acknowledged());
            acknowledged.addAll(openRun.report().acknowledged());
            assertThat(acknowledged).hasSize(callbacks + openRun.stories().stream().mapToInt(s -> s.callbacks().size()).sum())
                    .filteredOn(c -> !storedRequests.contains(c.query() + "\n" + new String(c.body(), StandardCharsets.UTF_8)))
                    .as("acknowledged callbacks missing from " + events).isEmpty();
            Duration longestSilence = longestSilence(stored);
            assertThat(longestSilence).as("the longest time a call went without a new callback: under the idle timeout, "
                    + "or that call could be closed early (a slower machine needs a longer CALLSTREAM_IDLE_TIMEOUT_MS here)")
                    .isLessThan(IDLE_TIMEOUT.minus(FOLD_LAG_ALLOWANCE));

            // Malformed extras: dead letters by reason, refusals, unknown commands stored and ignored.
            Map<String, Long> expectedDeadLetters = new TreeMap<>();
            report.malformedAcked().forEach((kind, n) -> {
                if (kind.treatment() == GatewayTreatment.DEAD_LETTERED) {
                    expectedDeadLetters.merge(kind.deadLetterReason(), n, Long::sum);
                }
            });
            Map<String, Long> deadLettered = kafka.readAll(deadLetters, new StringDeserializer(), new ByteArrayDeserializer()).stream()
                    .collect(Collectors.groupingBy(r -> header(r, CallbackRoutes.HEADER_DLQ_CATEGORY), TreeMap::new, Collectors.counting()));
            assertThat(deadLettered).isEqualTo(expectedDeadLetters).isNotEmpty();
            assertThat(report.malformedSent().keySet()).containsExactlyInAnyOrder(MalformedKind.values());
            assertThat(report.malformedAcked()).doesNotContainKey(MalformedKind.WRONG_SDKAPPID);
            assertThat(report.malformedRefused()).containsEntry(MalformedKind.WRONG_SDKAPPID,
                    report.malformedSent().get(MalformedKind.WRONG_SDKAPPID));
            assertThat(stored).as("nothing of another app is stored").allMatch(e -> e.getSdkAppId() == APP);
            assertThat(stored.stream().filter(e -> e.getKind() == EventKind.unknown).count())
                    .isEqualTo(report.malformedAcked().getOrDefault(MalformedKind.UNKNOWN_COMMAND, 0L));

            // The records topic: latest revision per call, every field but the revision.
            List<CallRecord> truth = new ArrayList<>(result.truth().records());
            truth.addAll(openRun.truth().records());
            assertThat(openRun.truth().records()).hasSize(OPEN_CALLS).allMatch(r -> r.getClosedBy() == ClosedBy.timeout);
            Map<String, CallRecord> expected = truth.stream().collect(Collectors.toMap(r -> APP + "/" + r.getCallId(), r -> r));
            awaitSame("records on " + records, expected, () -> latestRecords(kafka, records), Duration.ofSeconds(60));
            long revised = assertRevisionsCountUp(kafka, records);

            // R7, R8: the statistics topics, latest value per key, against the oracles over the truth's records.
            List<ConcurrencyWindow> expectedWindows = ConcurrencyOracle.windows(APP, truth, STATS_ZONE);
            Map<String, ConcurrencyWindow> windowTruth = windowsByKey(expectedWindows);
            awaitSame("windows on " + concurrency, windowTruth, () -> windowsByKey(latest(kafka, concurrency,
                    CallstreamSerdes.concurrencyWindow().deserializer())), Duration.ofSeconds(30));
            Map<String, DailyStats> dayTruth = daysByKey(DailyOracle.days(APP, truth, expectedWindows, STATS_ZONE));
            awaitSame("days on " + daily, dayTruth, () -> daysByKey(latest(kafka, daily,
                    CallstreamSerdes.dailyStats().deserializer())), Duration.ofSeconds(30));
            // ... and the analyst API's totals over those days: participants distinct over the range, not summed.
            JsonObject statsTotals = analystTotals(streams.port(), dayTruth.values());
            assertThat(statsTotals.getLong("calls")).isEqualTo(truth.size());
            assertThat(statsTotals.getLong("participants")).isEqualTo(truth.stream()
                    .flatMap(r -> r.getParticipants().stream()).map(Participant::getUserId).distinct().count());

            // The v1 records APIs: every page of the filter, and every call by id.
            VendorRecordsApi api = new VendorRecordsApi("http://127.0.0.1:" + streams.port(), APP, KEY);
            Map<String, JsonObject> expectedJson = truth.stream()
                    .collect(Collectors.toMap(CallRecord::getCallId, ExpectedV1RecordJson::expected));
            long from = timelineStart - 86_400;
            long to = Instant.now().getEpochSecond() + 86_400;
            List<JsonObject> pages = new ArrayList<>();
            awaitSame("get_records_by_filter", expectedJson, () -> {
                pages.clear();
                pages.addAll(api.allPages(from, to));
                return pages.stream().collect(Collectors.toMap(r -> r.getString("callId"), r -> r, (a, b) -> b));
            }, Duration.ofSeconds(30));
            assertThat(pages).as("no record on two pages").hasSize(expectedJson.size())
                    .isSortedAccordingTo(Comparator.<JsonObject>comparingLong(r -> r.getLong("startCallTs"))
                            .thenComparing(r -> r.getString("callId")))
                    .allSatisfy(r -> assertThat(new ArrayList<>(r.fieldNames())).isEqualTo(ExpectedV1RecordJson.MEMBERS));
            Map<String, JsonObject> byCallId = api.byCallId(expectedJson.keySet(), 8);
            assertSame("get_record_by_callId", expectedJson, byCallId);
            assertThat(byCallId.values()).allSatisfy(r -> assertThat(new ArrayList<>(r.fieldNames())).isEqualTo(ExpectedV1RecordJson.MEMBERS));

            System.out.printf(java.util.Locale.ROOT, "e2e: %d calls (%d group, %d left open), %d callbacks, %d duplicates, "
                            + "%d malformed (%s dead-lettered, %d refused, %d unknown), %d retries, gateway down %d ms, "
                            + "sent in %.1f s, longest silence in a call %.1f s; records compared: topic %d (%d revised), "
                            + "get_records_by_filter %d, get_record_by_callId %d; statistics compared: %d windows, %d days; "
                            + "%.1f s in all%n",
                    CALLS + OPEN_CALLS, stories.stream().filter(CallStory::isGroup).count(), OPEN_CALLS,
                    acknowledged.size(), report.duplicatesSent(),
                    report.malformedSentTotal(), deadLettered.values().stream().mapToLong(Long::longValue).sum(),
                    report.malformedRefused().values().stream().mapToLong(Long::longValue).sum(),
                    report.malformedAcked().getOrDefault(MalformedKind.UNKNOWN_COMMAND, 0L), report.sender().retried(),
                    downMs, sendMs / 1000.0, longestSilence.toMillis() / 1000.0, expected.size(), revised, pages.size(), byCallId.size(),
                    windowTruth.size(), dayTruth.size(), (System.nanoTime() - began) / 1e9);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Both services, configured as in production but with fast timings and no rate limits for the checks. */
    private static Map<String, String> environment(KafkaCluster kafka, String events, String deadLetters, String records, Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_TOPIC_EVENTS", events);
        env.put("CALLSTREAM_TOPIC_EVENTS_DLQ", deadLetters);
        env.put("CALLSTREAM_TOPIC_CALL_RECORDS", records);
        env.put("CALLSTREAM_SDKAPPIDS", Long.toString(APP));
        env.put("CALLSTREAM_CALLBACK_TOKEN", CALLBACK_TOKEN);
        env.put("CALLSTREAM_GATEWAY_HOST", "127.0.0.1");
        env.put("CALLSTREAM_GATEWAY_PORT", Integer.toString(FreePort.find()));
        env.put("CALLSTREAM_GATEWAY_EVENT_LOOPS", "1");
        env.put("CALLSTREAM_SHUTDOWN_GRACE_MS", "3000");
        env.put("CALLSTREAM_APPLICATION_ID", kafka.newTopicName("e2e-fold"));
        env.put("CALLSTREAM_STATE_DIR", dir.resolve("streams").toString());
        env.put("CALLSTREAM_SETTLE_DELAY_MS", "1000");
        env.put("CALLSTREAM_PUNCTUATE_INTERVAL_MS", "100");
        env.put("CALLSTREAM_IDLE_TIMEOUT_MS", Long.toString(IDLE_TIMEOUT.toMillis()));
        env.put("KAFKA_STREAMS_COMMIT_INTERVAL_MS", "100");
        env.put("KAFKA_STREAMS_STATESTORE_CACHE_MAX_BYTES", "0");
        env.put("CALLSTREAM_QUERY_HOST", "127.0.0.1");
        env.put("CALLSTREAM_QUERY_PORT", Integer.toString(FreePort.find()));
        env.put("CALLSTREAM_INTERNAL_HOST", "127.0.0.1");
        env.put("CALLSTREAM_INTERNAL_PORT", "0");
        env.put("CALLSTREAM_ADVERTISED_HOST", "127.0.0.1");
        env.put("CALLSTREAM_SECRET_KEYS", APP + ":" + KEY);
        env.put("CALLSTREAM_CLUSTER_SECRET", "e2e-cluster-secret-of-at-least-32-characters");
        env.put("CALLSTREAM_RATE_BY_CALLID", "100000");
        env.put("CALLSTREAM_RATE_BY_FILTER", "100000");
        return env;
    }

    /**
     * The longest a call went without a new callback at the gateway: what the fold's idle timeout measures (from the
     * first arrival of each distinct callback, R1), over every call with a known callback.
     */
    private static Duration longestSilence(List<CallEvent> stored) {
        Map<String, Map<String, Long>> firstArrivals = new HashMap<>();
        for (CallEvent e : stored) {
            if (e.getKind() == EventKind.unknown) {
                continue;
            }
            String identity = e.getCommand() + "|" + e.getUserId() + "|" + e.getEventTime() + "|" + e.getRole() + "|" + e.getCallResult();
            firstArrivals.computeIfAbsent(e.getCallId(), k -> new HashMap<>()).merge(identity, e.getReceivedAtMs(), Math::min);
        }
        long longest = 0;
        for (Map<String, Long> arrivals : firstArrivals.values()) {
            List<Long> times = arrivals.values().stream().sorted().toList();
            for (int i = 1; i < times.size(); i++) {
                longest = Math.max(longest, times.get(i) - times.get(i - 1));
            }
        }
        return Duration.ofMillis(longest);
    }

    /** The latest value of each key of a compacted topic, a tombstone removing the key. */
    private static <V> List<V> latest(KafkaCluster kafka, String topic, org.apache.kafka.common.serialization.Deserializer<V> values) {
        Map<String, V> latest = new HashMap<>();
        kafka.readAll(topic, new StringDeserializer(), values).forEach(r -> {
            if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), r.value());
            }
        });
        return List.copyOf(latest.values());
    }

    /** By topic key, revision aside (it counts publications, which the oracle has no notion of). */
    private static Map<String, ConcurrencyWindow> windowsByKey(List<ConcurrencyWindow> windows) {
        return windows.stream().collect(Collectors.toMap(w -> w.getSdkAppId() + "/" + w.getScope() + "/" + w.getGranularity()
                + "/" + w.getWindowStartTs(), w -> ConcurrencyWindow.newBuilder(w).setRevision(1).build()));
    }

    /** By topic key, revision and sketch aside (the oracle counts participants exactly; the sketch's count is that). */
    private static Map<String, DailyStats> daysByKey(java.util.Collection<DailyStats> days) {
        return days.stream().collect(Collectors.toMap(d -> d.getSdkAppId() + "/" + d.getScope() + "/" + d.getDay(),
                d -> DailyStats.newBuilder(d).setRevision(1).setParticipantsSketch(null).build()));
    }

    /** {@code /api/v1/stats/daily} over the days the truth has, all calls: the range's totals. */
    private static JsonObject analystTotals(int port, java.util.Collection<DailyStats> days) throws Exception {
        List<String> dates = days.stream().map(DailyStats::getDay).sorted().toList();
        String sig = io.callstream.service.usersig.UserSig.generate(APP, KEY, "administrator", Duration.ofHours(1),
                Instant.now().minusSeconds(60));
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/stats/daily?from="
                        + dates.get(0) + "&to=" + dates.get(dates.size() - 1))).header("Authorization", "Bearer " + sig).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonObject("totals");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "(none)" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String utf8(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The gateway, stopped and started again on the same port, each instance with its own metrics, as a new process. */
    private static final class RestartableGateway implements AutoCloseable {
        private final GatewayConfig config;
        private Metrics metrics;
        private Gateway gateway;

        RestartableGateway(GatewayConfig config) {
            this.config = config;
        }

        void start() {
            metrics = new Metrics("e2e-gateway");
            gateway = Gateway.start(config, metrics.registry()).toCompletionStage().toCompletableFuture().join();
        }

        /** Gracefully, as on SIGTERM: requests in progress are answered, new ones refused until the port closes. */
        void stop() {
            gateway.close();
            metrics.close();
            gateway = null;
        }

        String callbackUrl() {
            return "http://127.0.0.1:" + config.port() + "/callback/" + CALLBACK_TOKEN;
        }

        @Override
        public void close() {
            if (gateway != null) {
                stop();
            }
        }
    }
}
