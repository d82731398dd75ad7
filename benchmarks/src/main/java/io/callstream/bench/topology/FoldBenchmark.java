package io.callstream.bench.topology;

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
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.CallScenarios;
import io.callstream.topology.record.ScenarioEvents;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
import org.apache.kafka.common.utils.Utils;

/**
 * The fold's throughput and latency on this machine, with and without the statistics (R7, R8), against a plain
 * consumer of the same topic as the ceiling and Kafka Streams' own floors.
 *
 * <ol>
 *   <li>Fill callkit.events with generated calls (1v1 and group, every result; 3-16 events each).</li>
 *   <li>Ceiling: a plain consumer reads and deserializes the whole topic.</li>
 *   <li>Floors ({@link StreamsFloor}, unless the app is pinned apart): Kafka Streams with the app's settings, decoding
 *       each event and making 0, 1 or 3 logged RocksDB puts per event: what the framework allows on this host.</li>
 *   <li>The app runs (BENCH_STATS, {@link FoldRun}): by default without the statistics, then with them, each under its
 *       own application id, state directory and output topics, and each measured as follows.
 *     <ol>
 *       <li>JIT warm-up ({@link JitWarmUp}): in the JVM of the app to be measured, the topic is folded under other
 *           application ids until the JIT compiler is quiet.</li>
 *       <li>Fold: the Streams application (RocksDB, exactly_once_v2) starts at offset 0; events/s until it has
 *           committed the end of the topic.</li>
 *       <li>Writes: once the backlog's calls are all out, the records and key + value bytes the app wrote to each
 *           store's changelog, to the statistics' repartition topic and to its output topics (records, concurrency,
 *           daily statistics), per backlog event ({@link TopicWrites}): counted, not timed, so two builds compare on
 *           any host.</li>
 *     </ol></li>
 *   <li>Latency, after the last app run only (its calls join callkit.events, which a later run would fold as backlog):
 *       live calls at a fixed rate; for each, from the send of its last event to its record on the run's records topic
 *       (read_committed), minus the settle delay.</li>
 * </ol>
 * Run with {@code benchmarks/run-fold-benchmark.sh}; BENCH_* variables there.
 */
public final class FoldBenchmark {

    private static final long APP = 1400000001L;
    static final int CALLS = intEnv("BENCH_CALLS", 60_000);
    /** Calls in progress at once in the backlog (InterleavedCalls); 1 sends each call's callbacks back to back. */
    static final int CONCURRENT_CALLS = intEnv("BENCH_CONCURRENT_CALLS", 10_000);
    static final int LIVE_CALLS_PER_SECOND = intEnv("BENCH_LIVE_CALLS_PER_SECOND", 200);
    static final int LIVE_SECONDS = intEnv("BENCH_LIVE_SECONDS", 30);
    static final Duration SETTLE = Duration.ofSeconds(3);
    static final String APP_CPUS = blankToNull(System.getenv("BENCH_APP_CPUS"));
    private static final String APP_HEAP = System.getenv().getOrDefault("BENCH_APP_HEAP", "1g");
    static final String STATS_SETTING = System.getenv().getOrDefault("BENCH_STATS", "both");
    /**
     * Times the floors and the app runs are measured, one after the other (1): one run's ratio moves with the host from
     * minute to minute, so the headline of several rounds is their median.
     */
    static final int ROUNDS = intEnv("BENCH_ROUNDS", 1);
    /**
     * Rounds run first, as the measured ones, and left out of the headline (0): for a check that a run's first rounds
     * are no slower than its later ones; on this host they were not (docs/benchmarks.md, "Where one round's ratio moves").
     */
    static final int WARMUP_ROUNDS = intEnv("BENCH_WARMUP_ROUNDS", 0);

    public static void main(String[] args) throws Exception {
        if (ROUNDS < 1 || WARMUP_ROUNDS < 0) {
            throw new IllegalArgumentException("BENCH_ROUNDS must be at least 1 and BENCH_WARMUP_ROUNDS at least 0: "
                    + ROUNDS + ", " + WARMUP_ROUNDS);
        }
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        List<FoldRun> runs = FoldRun.fromSetting(STATS_SETTING);
        String report;
        try (KafkaCluster kafka = KafkaClusters.startEmbedded()) {
            kafka.createTopics(Topics.EVENTS.toNewTopic(Optional.empty()));
            long events = fill(kafka, CALLS, new Random(1));
            double ceiling = plainConsumer(kafka, events);
            List<FoldReport.Round> rounds = new ArrayList<>();
            int allRounds = WARMUP_ROUNDS + ROUNDS;
            for (int round = 1; round <= allRounds; round++) {
                Map<StreamsFloor.Floor, CommittedProgress> floors = floors(kafka, events, round);
                List<FoldReport.AppRun> apps = new ArrayList<>();
                for (FoldRun run : runs) {
                    boolean last = round == allRounds && run.equals(runs.get(runs.size() - 1));
                    apps.add(measureApp(run.inRound(round), kafka, events, last));
                }
                rounds.add(new FoldReport.Round(floors, apps, round <= WARMUP_ROUNDS));
            }
            report = new FoldReport(events, ceiling, rounds).toString();
        }
        Files.writeString(out.resolve("fold-benchmark.md"), report);
        System.out.println(report);
        System.exit(0);
    }

    /** The floors, measured in this JVM: with the app pinned apart they would not compare, so they are left out then. */
    private static Map<StreamsFloor.Floor, CommittedProgress> floors(KafkaCluster kafka, long events, int round) throws Exception {
        Map<StreamsFloor.Floor, CommittedProgress> floors = new LinkedHashMap<>();
        if (APP_CPUS == null) {
            for (StreamsFloor.Floor floor : StreamsFloor.FLOORS) {
                floors.put(floor, StreamsFloor.measure(floor, round, kafka, Topics.EVENTS.name(), CallstreamSerdes.callEvent(), events));
            }
        }
        return floors;
    }

    /**
     * One app run over the backlog: its JIT warm-up, the fold, its writes, the live phase if {@code live}; then the app
     * is stopped and its state directory deleted, so that the next run has the host to itself.
     */
    private static FoldReport.AppRun measureApp(FoldRun run, KafkaCluster kafka, long events, boolean live) throws Exception {
        kafka.createTopics(run.outputs().newTopics());
        Path stateDir = Files.createTempDirectory(run.applicationId());
        Map<String, String> own = ownVariables(run, kafka, stateDir);
        Map<String, String> env = PassedThrough.with(own);
        try (Metrics metrics = new Metrics(run.applicationId()); RunningApp app = startApp(env, metrics)) {
            CommittedProgress progress = CommittedProgress.await(kafka, Topics.EVENTS.name(), run.applicationId(), events,
                    app.pids(), Duration.ofMinutes(15));
            Optional<FoldReport.Behind> statsBehind = statisticsBehind(kafka, run);
            Map<String, TopicWrites.Count> writes = writes(kafka, run);
            String peakMemory = String.join(" / ", app.pids().stream().map(FoldBenchmark::peakResidentMiB).toList());
            // In this JVM's registry only when the app runs here (not with BENCH_APP_CPUS).
            Optional<Double> readBack = Optional.ofNullable(metrics.registry().find("callstream.fold.calls.read.back").counter())
                    .map(Counter::count);
            Optional<Histogram> latency = live ? Optional.of(live(kafka, run.outputs().name(Topics.CALL_RECORDS))) : Optional.empty();
            return new FoldReport.AppRun(run, PassedThrough.describe(own), app.warmUp(), progress, statsBehind, writes, peakMemory,
                    readBack, latency);
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    /** The variables the benchmark sets for the run's app; those passed through ({@link PassedThrough}) come on top. */
    private static Map<String, String> ownVariables(FoldRun run, KafkaCluster kafka, Path stateDir) {
        Map<String, String> env = new HashMap<>(run.variables());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_APPLICATION_ID", run.applicationId());
        env.put("CALLSTREAM_STATE_DIR", stateDir.toString());
        env.put("CALLSTREAM_QUERY_PORT", "0");
        env.put("CALLSTREAM_QUERY_HOST", "127.0.0.1");
        // Kafka Streams deletes a repartition topic's records once they are committed (every 30 s by default); kept,
        // they are counted with the other writes. The purge left out is one DeleteRecords request per 30 s.
        env.put("KAFKA_STREAMS_REPARTITION_PURGE_INTERVAL_MS", Long.toString(Long.MAX_VALUE));
        return env;
    }

    /** Fills callkit.events with the backlog (BENCH_CALLS calls, BENCH_CONCURRENT_CALLS at once); returns its events. */
    static long fill(KafkaCluster kafka, int calls, Random random) throws Exception {
        CallScenarios scenarios = new CallScenarios(random);
        // The calls started over the last day: well within the query retention (R9), so that the index keeps what
        // it is given, as it would in production (calls from the generator's fixed base would all expire at once).
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
     * For a run with statistics, as the fold commits the end of the events: the offsets of its repartition topic that
     * the statistics have not committed yet, and all of them (transaction markers included in both). Many behind
     * would mean that the events' rate leaves out statistics work still to do.
     */
    private static Optional<FoldReport.Behind> statisticsBehind(KafkaCluster kafka, FoldRun run) throws Exception {
        if (!run.stats()) {
            return Optional.empty();
        }
        List<String> repartition = kafka.admin().listTopics().names().get().stream()
                .filter(run.topics()::isRepartition).toList();
        Map<TopicPartition, Long> end = Offsets.end(kafka.admin(), repartition);
        Map<TopicPartition, Long> committed = Offsets.committed(kafka.admin(), run.applicationId());
        long written = end.values().stream().mapToLong(Long::longValue).sum();
        long behind = end.entrySet().stream().mapToLong(e -> e.getValue() - committed.getOrDefault(e.getKey(), 0L)).sum();
        return Optional.of(new FoldReport.Behind(behind, written));
    }

    /**
     * What the run wrote, once the backlog's calls are all out, by topic as {@link RunTopics#describe} names it: a
     * call's record, and the state, deadline and open-call writes that go with it, come a settle delay after its last
     * event, and its statistics after the repartition topic, so counting when the end of the backlog is committed would
     * leave out a host-dependent share of the calls.
     */
    private static Map<String, TopicWrites.Count> writes(KafkaCluster kafka, FoldRun run) throws Exception {
        return TopicWrites.settled(kafka, run.topics(), SETTLE);
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
        String warmUp = Files.readString(report);
        Utils.delete(report.getParent().toFile()); // one per app run: none left behind
        return warmUp;
    }

    /** Live traffic: complete calls at a fixed rate; latency from each call's last event to its record. */
    private static Histogram live(KafkaCluster kafka, String recordsTopic) throws Exception {
        Map<String, Long> lastEventSentNanos = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(3);
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put("group.id", "latency-" + recordsTopic);
        config.put("auto.offset.reset", "latest");
        config.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, CallRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                CallstreamSerdes.callRecord().deserializer());
             KafkaProducer<String, CallEvent> producer = producer(kafka)) {
            consumer.subscribe(List.of(recordsTopic));
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
    static String peakResidentMiB(long pid) {
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
