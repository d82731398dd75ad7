package io.callstream.topology.bench;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.service.Metrics;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.KafkaClusters;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.app.StreamsAppConfig;
import io.callstream.topology.record.CallFact;
import io.callstream.topology.record.CallScenarios;
import io.callstream.topology.record.ScenarioEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fold's throughput and latency on this machine, against a plain consumer of the same topic as the ceiling.
 *
 * <ol>
 *   <li>Fill callkit.events with generated calls (1v1 and group, every result; 3-16 events each).</li>
 *   <li>Ceiling: a plain consumer reads and deserializes the whole topic.</li>
 *   <li>Floors ({@link StreamsFloor}, unless the app is pinned apart): Kafka Streams with the app's settings, decoding
 *       each event and making 0, 1 or 3 logged RocksDB puts per event: what the framework allows on this host.</li>
 *   <li>JIT warm-up ({@link JitWarmUp}): in the JVM of the app to be measured, the topic is folded under other
 *       application ids until the JIT compiler is quiet.</li>
 *   <li>Fold: the Streams application (RocksDB, exactly_once_v2) starts at offset 0; events/s until it has committed
 *       the end of the topic.</li>
 *   <li>Writes: once the backlog's calls are all out, the records and key + value bytes the app wrote to each store's
 *       changelog and to callkit.call-records, per backlog event ({@link TopicWrites}): counted, not timed, so two
 *       builds compare on any host.</li>
 *   <li>Latency: live calls at a fixed rate; for each, from the send of its last event to its record on
 *       callkit.call-records (read_committed), minus the settle delay.</li>
 * </ol>
 * Run with {@code stream-topology/bench/run-benchmark.sh}; BENCH_* variables there.
 */
public final class FoldBenchmark {

    private static final long APP = 1400000001L;
    private static final String APPLICATION_ID = "fold-bench";
    /** Kafka Streams names a store's changelog {@code <application id>-<store>-changelog}. */
    private static final String CHANGELOG_PREFIX = APPLICATION_ID + "-";
    private static final String CHANGELOG_SUFFIX = "-changelog";
    static final int CALLS = intEnv("BENCH_CALLS", 60_000);
    /** Calls in progress at once in the backlog (InterleavedCalls); 1 sends each call's callbacks back to back. */
    private static final int CONCURRENT_CALLS = intEnv("BENCH_CONCURRENT_CALLS", 10_000);
    private static final int LIVE_CALLS_PER_SECOND = intEnv("BENCH_LIVE_CALLS_PER_SECOND", 200);
    private static final int LIVE_SECONDS = intEnv("BENCH_LIVE_SECONDS", 30);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final String APP_CPUS = blankToNull(System.getenv("BENCH_APP_CPUS"));
    private static final String APP_HEAP = System.getenv().getOrDefault("BENCH_APP_HEAP", "1g");

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        StringBuilder report = new StringBuilder();
        try (KafkaCluster kafka = KafkaClusters.startEmbedded(); Metrics metrics = new Metrics("bench")) {
            kafka.createTopics(Topics.EVENTS.toNewTopic(Optional.empty()), Topics.CALL_RECORDS.toNewTopic(Optional.empty()));
            long events = fill(kafka, CALLS, new Random(1));
            double ceiling = plainConsumer(kafka, events);
            // The floors run in this JVM: with the app pinned apart they would not compare, so they are left out then.
            Map<StreamsFloor.Floor, CommittedProgress> floors = new java.util.LinkedHashMap<>();
            if (APP_CPUS == null) {
                for (StreamsFloor.Floor floor : StreamsFloor.FLOORS) {
                    floors.put(floor, StreamsFloor.measure(floor, kafka, Topics.EVENTS.name(), events));
                }
            }

            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("CALLSTREAM_APPLICATION_ID", APPLICATION_ID);
            env.put("CALLSTREAM_STATE_DIR", Files.createTempDirectory(APPLICATION_ID).toString());
            env.put("CALLSTREAM_QUERY_PORT", "0");
            env.put("CALLSTREAM_QUERY_HOST", "127.0.0.1");
            // The app's own settings pass through, e.g. KAFKA_STREAMS_COMMIT_INTERVAL_MS or CALLSTREAM_CACHED_CALLS; those
            // set above are the benchmark's.
            System.getenv().forEach((name, value) -> {
                if (name.startsWith("KAFKA_STREAMS_") || name.startsWith("CALLSTREAM_")) {
                    env.putIfAbsent(name, value);
                }
            });
            try (RunningApp app = startApp(env, metrics)) {
                CommittedProgress progress = CommittedProgress.await(kafka, Topics.EVENTS.name(), APPLICATION_ID, events, app.pids(), Duration.ofMinutes(15));
                Map<String, TopicWrites.Count> writes = TopicWrites.upTo(kafka.clientProperties(), settledEnds(kafka));
                Histogram latency = live(kafka);
                report.append(String.format("Measured %s on %d cores, Java %s; %s; JIT warm-up %s; Streams settings %s.%n%n",
                        Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                        APP_CPUS == null ? "broker, producer and Streams app (RocksDB) in one JVM"
                                : "Streams app in its own JVM on CPU(s) " + APP_CPUS + ", broker and producer in another",
                        app.warmUp(),
                        env.entrySet().stream().filter(e -> e.getValue().equals(System.getenv(e.getKey()))) // those passed through
                                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()));
                report.append("| measurement | value |\n|---|---:|\n");
                report.append(String.format("| calls / events in callkit.events | %,d / %,d |%n", CALLS, events));
                report.append(String.format("| calls in progress at once in the backlog (BENCH_CONCURRENT_CALLS) | %,d |%n", CONCURRENT_CALLS));
                report.append(String.format("| plain consumer (ceiling), events/s | %,.0f |%n", ceiling));
                floors.forEach((floor, p) -> report.append(String.format(
                        "| floor: %s, events/s at steady state (CPU µs/event: stream thread / broker / all) | %,.0f (%.1f / %.1f / %.1f) |%n",
                        floor.description(), p.steadyRate(), p.microsPerEvent("stream thread"), p.microsPerEvent("broker"),
                        p.allMicrosPerEvent())));
                report.append(String.format("| fold at steady state (10%% → 90%% of the events committed), events/s | %,.0f |%n", progress.steadyRate()));
                report.append(String.format("| fold from start to the committed end (startup and restore included), events/s | %,.0f |%n", progress.overallRate()));
                report.append(String.format("| steady fold / ceiling | %.2f |%n", progress.steadyRate() / ceiling));
                floors.forEach((floor, p) -> report.append(String.format("| steady fold / floor with %d put%s per event | %.2f |%n",
                        floor.puts(), floor.puts() == 1 ? "" : "s", progress.steadyRate() / p.steadyRate())));
                progress.cpuSeconds().keySet().forEach(group -> report.append(String.format(
                        "| CPU per event at steady state: %s (µs) | %.1f |%n", group, progress.microsPerEvent(group))));
                appendWrites(report, writes, events);
                report.append(String.format("| peak resident memory (VmHWM) of the %s, MiB | %s |%n",
                        APP_CPUS == null ? "one JVM (broker, producer and app)" : "benchmark JVM / the app's JVM",
                        String.join(" / ", app.pids().stream().map(FoldBenchmark::peakResidentMiB).toList())));
                report.append(String.format("| live: %d calls/s for %d s, records received | %,d |%n", LIVE_CALLS_PER_SECOND, LIVE_SECONDS, latency.getTotalCount()));
                report.append(String.format("| last event → record, minus the %d s settle delay: p50 / p99 / max (ms) | %d / %d / %d |%n",
                        SETTLE.toSeconds(), latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue()));
            }
        }
        Files.writeString(out.resolve("fold-benchmark.md"), report.toString());
        System.out.println(report);
        System.exit(0);
    }

    /** Fills callkit.events with the backlog (BENCH_CALLS calls, BENCH_CONCURRENT_CALLS at once); returns its events. */
    static long fill(KafkaCluster kafka, int calls, Random random) throws Exception {
        CallScenarios scenarios = new CallScenarios(random);
        // The calls started over the last day: well within the query retention (R9), so that the index keeps what
        // it is given, as it would in production (calls from the generator's 2025 base were all expired at once).
        long firstStart = Instant.now().getEpochSecond() - 86_400;
        Iterator<CallScenarios.Scenario> inStartOrder = IntStream.range(0, calls)
                .mapToObj(i -> scenarios.next().startingAt(firstStart + (long) i * 86_400 / calls)).iterator();
        long[] count = {0};
        try (KafkaProducer<String, CallEvent> producer = producer(kafka)) {
            InterleavedCalls.forEach(inStartOrder, CONCURRENT_CALLS, new Random(7), (callId, fact) -> {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), ScenarioEvents.key(APP, callId), ScenarioEvents.event(APP, callId, fact)));
                count[0]++;
            });
            producer.flush();
        }
        return count[0];
    }

    private static double plainConsumer(KafkaCluster kafka, long events) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put("group.id", "ceiling");
        config.put("auto.offset.reset", "earliest");
        config.put("isolation.level", "read_committed");
        var serde = CallstreamSerdes.callEvent();
        long read = 0;
        long started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS.name()));
            while (read < events) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    serde.decode(r.value());
                    read++;
                }
            }
            consumer.commitSync();
        }
        return read / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * The end offsets of the measured app's changelogs and of callkit.call-records once the backlog's calls are all out.
     * Right when the end of the backlog is committed they are not: a call's record, and the state, deadline and
     * open-call writes that go with it, come a settle delay after its last event, so counting then would leave out a
     * host-dependent share of the calls. Out means a settle delay later and then nothing written for a second.
     */
    private static Map<TopicPartition, Long> settledEnds(KafkaCluster kafka) throws Exception {
        List<String> topics = new ArrayList<>(kafka.admin().listTopics().names().get().stream()
                .filter(t -> t.startsWith(CHANGELOG_PREFIX) && t.endsWith(CHANGELOG_SUFFIX)).toList());
        topics.add(Topics.CALL_RECORDS.name());
        Thread.sleep(SETTLE.toMillis());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Map<TopicPartition, Long> previous = Map.of();
        Map<TopicPartition, Long> end = Offsets.end(kafka.admin(), topics);
        while (!end.equals(previous)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the app still writes a minute after the backlog: " + end);
            }
            Thread.sleep(1000);
            previous = end;
            end = Offsets.end(kafka.admin(), topics);
        }
        return end;
    }

    /** Report rows: per backlog event, the records and key + value bytes of each changelog, the records topic, all. */
    private static void appendWrites(StringBuilder report, Map<String, TopicWrites.Count> writes, long events) {
        writes.forEach((topic, count) -> {
            if (topic.startsWith(CHANGELOG_PREFIX)) {
                String store = topic.substring(CHANGELOG_PREFIX.length(), topic.length() - CHANGELOG_SUFFIX.length());
                appendWrite(report, "changelog of " + store, count, events);
            }
        });
        appendWrite(report, Topics.CALL_RECORDS.name(), writes.get(Topics.CALL_RECORDS.name()), events);
        appendWrite(report, "total", writes.values().stream().reduce(TopicWrites.Count.NONE, TopicWrites.Count::plus), events);
    }

    private static void appendWrite(StringBuilder report, String topic, TopicWrites.Count count, long events) {
        report.append(String.format("| writes per backlog event: %s, records / key+value bytes | %.3f / %.1f |%n",
                topic, (double) count.records() / events, (double) count.bytes() / events));
    }

    /**
     * The app under measurement, the processes whose CPU time counts (this one, and the app's if apart), and what its
     * JIT warm-up did.
     */
    private record RunningApp(AutoCloseable closer, List<Long> pids, String warmUp) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    /**
     * The Streams app after its JIT warm-up, in this JVM, or with BENCH_APP_CPUS in a JVM of its own pinned to those
     * CPUs (taskset). Returns once the measured app starts, so that the fold's time does not include the warm-up.
     */
    private static RunningApp startApp(Map<String, String> env, Metrics metrics) throws Exception {
        long self = ProcessHandle.current().pid();
        if (APP_CPUS == null) {
            String warmUp = JitWarmUp.run(env);
            StreamsApp app = StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry());
            return new RunningApp(app, List.of(self), warmUp);
        }
        Path warmUpReport = Files.createTempDirectory("fold-warmup-report").resolve("warm-up.txt");
        List<String> command = new ArrayList<>(List.of("taskset", "-c", APP_CPUS,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + APP_HEAP,
                "-cp", System.getProperty("java.class.path"), WarmedStreamsMain.class.getName(), warmUpReport.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(env);
        pb.environment().put("CALLSTREAM_LOG_FORMAT", "text");
        Process process = pb.start();
        AutoCloseable stop = () -> {
            process.destroy(); // SIGTERM: the app closes cleanly
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        };
        try {
            return new RunningApp(stop, List.of(self, process.pid()), awaitWarmUp(process, warmUpReport));
        } catch (Exception e) {
            stop.close();
            throw e;
        }
    }

    /** The pinned app's warm-up description, once it has written it (and starts the measured app). */
    private static String awaitWarmUp(Process process, Path report) throws Exception {
        // The warm-up stops itself at its cap; the margin covers the JVM's start and the last warm-up run's close.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JitWarmUp.MAX_SECONDS + 120L);
        while (!Files.exists(report)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the app's JIT warm-up did not finish (app " + (process.isAlive() ? "running)" : "exited)"));
            }
            Thread.sleep(100);
        }
        return Files.readString(report);
    }

    /** Live traffic: complete calls at a fixed rate; latency from each call's last event to its record. */
    private static Histogram live(KafkaCluster kafka) throws Exception {
        Map<String, Long> lastEventSentNanos = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(3);
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put("group.id", "latency");
        config.put("auto.offset.reset", "latest");
        config.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, CallRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                CallstreamSerdes.callRecord().deserializer());
             KafkaProducer<String, CallEvent> producer = producer(kafka)) {
            consumer.subscribe(List.of(Topics.CALL_RECORDS.name()));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            CallScenarios scenarios = new CallScenarios(new Random(2));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVE_SECONDS);
            long drainUntil = end + TimeUnit.SECONDS.toNanos(10);
            long intervalNanos = 1_000_000_000L / LIVE_CALLS_PER_SECOND;
            long next = System.nanoTime();
            int sequence = 0;
            while (System.nanoTime() < drainUntil) {
                while (System.nanoTime() < end && System.nanoTime() >= next) {
                    CallScenarios.Scenario s = scenarios.next().startingAt(Instant.now().getEpochSecond());
                    if (!s.complete()) {
                        continue;
                    }
                    String callId = "live-" + (sequence++);
                    for (CallFact f : s.facts()) {
                        producer.send(new ProducerRecord<>(Topics.EVENTS.name(), ScenarioEvents.key(APP, callId), ScenarioEvents.event(APP, callId, f)));
                    }
                    producer.flush();
                    lastEventSentNanos.put(ScenarioEvents.key(APP, callId), System.nanoTime());
                    next += intervalNanos;
                }
                for (ConsumerRecord<String, CallRecord> r : consumer.poll(Duration.ofMillis(10))) {
                    Long sent = lastEventSentNanos.remove(r.key());
                    if (sent != null) {
                        long ms = (System.nanoTime() - sent) / 1_000_000 - SETTLE.toMillis();
                        latency.recordValue(Math.max(0, ms));
                    }
                }
            }
        }
        return latency;
    }

    /** The process's peak resident set so far, from /proc (Linux); "?" elsewhere. */
    private static String peakResidentMiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> String.format("%,d", Long.parseLong(line.replaceAll("\\D", "")) / 1024))
                    .findFirst().orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static KafkaProducer<String, CallEvent> producer(KafkaCluster kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put("acks", "all");
        config.put("linger.ms", "5");
        config.put("compression.type", "lz4");
        return new KafkaProducer<>(config, new StringSerializer(), CallstreamSerdes.callEvent().serializer());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
