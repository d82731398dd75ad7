package io.callstream.bench.topology;

import io.callstream.bench.Machine;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.service.Metrics;
import io.callstream.service.usersig.UserSig;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.KafkaClusters;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.app.StreamsAppConfig;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.CallScenarios;
import io.callstream.topology.record.ScenarioEvents;
import io.micrometer.core.instrument.Counter;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Query latency with the records of a million calls in the stores, on one instance and on two.
 *
 * <ol>
 *   <li>Fill callkit.events with the callbacks of generated calls ({@link CallScenarios}: 1v1 connected and unanswered,
 *       group, and still-open calls; 50,000 users), keyed {@code <sdkAppId>/<callId>} as the gateway does, whose start
 *       times spread evenly over the last 89 days (inside the 90-day retention, R9). The query stores are fed inline
 *       from the fold's output, so they are filled through the real pipeline: fold, emit, index. Calls still open
 *       emit no record: the stores end up with one record per complete call.</li>
 *   <li>Start one instance; wait until it has consumed the whole events topic and emitted and indexed every
 *       complete call's record.</li>
 *   <li>Closed-loop clients ask, through the vendor APIs over HTTP with a UserSig: a record by call id (a random known
 *       one), the first page of a one-day filter (100 records, the v1 default), a deep page of it (page 50), and the
 *       first page of the same day from the analyst API.</li>
 *   <li>Start a second instance (same JVM), wait until both are RUNNING with the partitions spread and restored, and
 *       ask again, alternating instances: by-callId is then routed to the owner, filters fan out.</li>
 * </ol>
 * Run with {@code benchmarks/run-query-benchmark.sh}; BENCH_* variables there.
 */
public final class QueryBenchmark {

    private static final long APP = 1400000001L;
    private static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    private static final String CLUSTER_SECRET = "query-bench-cluster-secret-0123456789abcdef";
    /**
     * Calls whose callbacks fill the events topic; BENCH_RECORDS, the former setting, is accepted as an alias. The
     * default leaves a little over a million records in the stores: about one call in ten stays open.
     */
    private static final int CALLS = intEnv("BENCH_CALLS", intEnv("BENCH_RECORDS", 1_115_000));
    private static final int USERS = intEnv("BENCH_USERS", 50_000);
    private static final int DAYS = 89;
    private static final int QUERIES = intEnv("BENCH_QUERIES", 5_000);
    private static final int CLIENTS = intEnv("BENCH_CLIENTS", 4);
    /**
     * The load: wrk (a native client, outside this JVM) for BENCH_WRK_SECONDS per query kind when it is installed, or
     * BENCH_CLIENT=jvm for clients in this JVM, which share its cores and so measure more than the server.
     */
    private static final boolean WRK = !"jvm".equalsIgnoreCase(System.getenv("BENCH_CLIENT")) && WrkClient.available();
    private static final int WRK_SECONDS = intEnv("BENCH_WRK_SECONDS", 20);
    /** The instances' settle delay (see {@link #start}): 100 ms unless CALLSTREAM_SETTLE_DELAY_MS says otherwise. */
    private static final String SETTLE_DELAY_MS = Optional.ofNullable(System.getenv("CALLSTREAM_SETTLE_DELAY_MS"))
            .filter(v -> !v.isBlank()).map(String::trim).orElse("100");
    /** Only the queries whose name contains this text (e.g. "callId", "page 1 "), for profiling one of them. */
    private static final String ONLY = System.getenv("BENCH_ONLY");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final long dayZero = Instant.now().getEpochSecond() / 86_400 * 86_400 - DAYS * 86_400L;
    /** One in 100 of the complete calls: the ids the by-callId queries ask for. */
    private final List<String> callIds = new ArrayList<>();
    /** The instances' state directories. */
    private final List<Path> stateDirs = new ArrayList<>();
    /** Callbacks produced, and records the fold will emit (one per complete call). */
    private long callbacks;
    private long records;
    private final String userSig = UserSig.generate(APP, KEY, "administrator", Duration.ofDays(1), Instant.now());

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        String report = new QueryBenchmark().run();
        Files.writeString(out.resolve("query-benchmark.md"), report);
        System.out.println(report);
        System.exit(0); // the embedded broker's non-daemon threads
    }

    private String run() throws Exception {
        StringBuilder report = new StringBuilder();
        try (KafkaCluster kafka = KafkaClusters.startEmbedded(); Metrics metrics = new Metrics("query-bench")) {
            kafka.createTopics(Topics.all().stream().map(t -> t.toNewTopic(Optional.empty())).toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
            long fillStart = System.nanoTime();
            fill(kafka);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

            String clients = WRK
                    ? String.format("wrk (1 thread, %d connections, closed loop), %d s per kind after %d s of warm-up, cycling "
                            + "through %,d distinct queries; broker and instances in one JVM, wrk beside it", CLIENTS, WRK_SECONDS,
                            Math.max(5, WRK_SECONDS / 4), QUERIES)
                    : String.format("%d closed-loop clients in the same JVM (java.net.http), %,d queries per kind after %,d "
                            + "warm-up queries; broker, instances and clients in one JVM", CLIENTS, QUERIES, QUERIES / 5);
            report.append(String.format("Measured %s on %s: %,d records (the complete calls of %,d, folded from "
                            + "their callbacks) over %d days, %,d users; %s.%n%n",
                    Instant.now(), Machine.describe(), records, CALLS,
                    DAYS, USERS, clients));
            report.append("| setup | query | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | queries/s |\n|---|---|---:|---:|---:|---:|---:|---:|\n");

            long indexStart = System.nanoTime();
            try (StreamsApp one = start(kafka, metrics)) {
                awaitIndexed(kafka, List.of(one));
                double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
                long revised = emitted(metrics, "revised");
                String singleMemory = memory();
                measure(report, "1 instance", i -> one);

                try (StreamsApp two = start(kafka, metrics)) {
                    long spreadStart = System.nanoTime();
                    awaitIndexed(kafka, List.of(one, two));
                    double spreadSeconds = (System.nanoTime() - spreadStart) / 1e9;
                    measure(report, "2 instances", i -> i % 2 == 0 ? one : two);
                    String twoMemory = memory();

                    report.append(String.format("%nProduced %,d callbacks of %,d calls in %.1f s; one instance folded and indexed them "
                                    + "in %.1f s (%,.0f callbacks/s, startup and a settle delay of %s ms included): %,d records, "
                                    + "one per complete call (the other %,d calls stay open), and %,d revisions of them; the second "
                                    + "instance took %.1f s to get its partitions and restore them.%n",
                            callbacks, CALLS, fillSeconds, indexSeconds, callbacks / indexSeconds, SETTLE_DELAY_MS, records,
                            CALLS - records, revised, spreadSeconds));
                    report.append(String.format("Memory after the one-instance run: %s. After the two-instance run: %s.%n", singleMemory, twoMemory));
                    report.append(String.format("State on disk: %s.%n", diskUsage(stateDirs)));
                }
            }
        }
        return report.toString();
    }

    private void fill(KafkaCluster kafka) {
        List<String> users = IntStream.range(0, USERS).mapToObj(i -> "user-" + i).toList();
        CallScenarios scenarios = new CallScenarios(new Random(7), users);
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put("linger.ms", 20);
        config.put("batch.size", 256 * 1024);
        config.put("compression.type", "lz4");
        try (KafkaProducer<String, CallEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                CallstreamSerdes.callEvent().serializer())) {
            for (int i = 0; i < CALLS; i++) {
                CallScenarios.Scenario s = scenarios.next().startingAt(dayZero + (long) i * DAYS * 86_400 / CALLS);
                if (s.complete()) { // a call still open emits no record: nothing to find by its id
                    if (records % 100 == 0) {
                        callIds.add(s.callId());
                    }
                    records++;
                }
                String key = ScenarioEvents.key(APP, s.callId());
                for (CallFact f : s.facts()) {
                    producer.send(new ProducerRecord<>(Topics.EVENTS.name(), key, ScenarioEvents.event(APP, s.callId(), f)));
                    callbacks++;
                }
            }
        }
    }

    private StreamsApp start(KafkaCluster kafka, Metrics metrics) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_APPLICATION_ID", "query-bench");
        Path stateDir = Files.createTempDirectory("query-bench");
        stateDirs.add(stateDir);
        env.put("CALLSTREAM_STATE_DIR", stateDir.toString());
        env.put("CALLSTREAM_QUERY_HOST", "127.0.0.1");
        env.put("CALLSTREAM_QUERY_PORT", Integer.toString(freePort()));
        env.put("CALLSTREAM_INTERNAL_HOST", "127.0.0.1");
        env.put("CALLSTREAM_INTERNAL_PORT", "0"); // advertised to the other instance once bound
        env.put("CALLSTREAM_ADVERTISED_HOST", "127.0.0.1");
        env.put("CALLSTREAM_SECRET_KEYS", APP + ":" + KEY);
        env.put("CALLSTREAM_CLUSTER_SECRET", CLUSTER_SECRET);
        env.put("CALLSTREAM_RATE_BY_CALLID", "1000000");
        env.put("CALLSTREAM_RATE_BY_FILTER", "1000000");
        env.put("CALLSTREAM_RATE_ANALYST", "1000000");
        // A record is emitted once the settle delay has passed since its call became complete (R6), by a wall-clock
        // punctuator. The default 3 s is there for callbacks that straggle in from the gateway; here every call's
        // callbacks are in the topic before the app starts, so the delay would only keep completed calls waiting in
        // the state and deadline stores while the backlog is folded, and add itself to the measured fill time.
        env.put("CALLSTREAM_SETTLE_DELAY_MS", SETTLE_DELAY_MS); // a CALLSTREAM_SETTLE_DELAY_MS of the user's overrides it
        // Spread the partitions over both instances at once (the default assignor would warm the second one up first).
        env.put("KAFKA_STREAMS_TASK_ASSIGNOR_CLASS", "org.apache.kafka.streams.processor.assignment.assignors.StickyTaskAssignor");
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("KAFKA_STREAMS_") || name.startsWith("CALLSTREAM_")) {
                env.put(name, value);
            }
        });
        return StreamsApp.start(StreamsAppConfig.from(new Env(env)), metrics.registry());
    }

    /**
     * Until every instance is RUNNING with partitions of its own, the app has consumed the whole events topic, and
     * every instance answers for all the records: a one-record page over the whole range counts them all (the filter
     * fans out to every instance), and the last sampled call is found by its id.
     */
    private void awaitIndexed(KafkaCluster kafka, List<StreamsApp> instances) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            // The filling producer is not transactional: the events topic's end offsets are its callbacks' count.
            Map<TopicPartition, Long> eventEnds = endOffsets(admin, Topics.EVENTS.name(), Topics.EVENTS.partitions());
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("query-bench").partitionsToOffsetAndMetadata().get();
                boolean consumed = eventEnds.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
                        && committed.get(e.getKey()).offset() >= e.getValue());
                boolean spread = instances.stream().allMatch(i -> i.streams().state() == KafkaStreams.State.RUNNING
                        && i.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum() > 0);
                // The records topic is written in transactions (exactly_once_v2): its end offsets count the commit
                // markers and any revision too, so reaching the record count is necessary, not sufficient.
                boolean emitted = consumed && endOffsets(admin, Topics.CALL_RECORDS.name(), Topics.CALL_RECORDS.partitions())
                        .values().stream().mapToLong(Long::longValue).sum() >= records;
                if (consumed && spread && emitted && instances.stream().allMatch(this::answersForAll)) {
                    return;
                }
                Thread.sleep(1_000);
            }
        }
        throw new IllegalStateException("the calls were not folded and indexed in time");
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Whether {@code app} counts every record over the whole range and finds the last sampled call by its id. */
    private boolean answersForAll(StreamsApp app) {
        try {
            JsonObject all = send(vendor(app, "/v1/records/get_records_by_filter", new JsonObject().put("startTimestamp", dayZero)
                    .put("endTimestamp", dayZero + DAYS * 86_400L).put("numberPerPage", 1)));
            boolean counted = records == 0 ? all.getInteger("errorCode") == 70011
                    : all.getInteger("errorCode") == 0 && all.getJsonObject("data").getLong("totalNum") == records;
            return counted && (callIds.isEmpty() || byCallIdOf(app, callIds.get(callIds.size() - 1)).getInteger("errorCode") == 0);
        } catch (Exception e) {
            return false;
        }
    }

    /** Records the fold emitted so far, first revisions or later ones (the instances share the registry). */
    private static long emitted(Metrics metrics, String revision) {
        Counter counter = metrics.registry().find("callstream.fold.records.emitted").tag("revision", revision).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private void measure(StringBuilder report, String setup, IntFunction<StreamsApp> instance) throws Exception {
        Random random = new Random(3);
        String ok = "\"errorCode\":0,";
        row(report, setup, "v1 get_record_by_callId", instance, app -> byCallIdRequest(app, callIds.get(random(random, callIds.size()))),
                r -> r.getInteger("errorCode") == 0, ok);
        row(report, setup, "v1 get_records_by_filter, one day, page 1 of 100", instance, app -> filterRequest(app, day(random), 1),
                r -> r.getJsonObject("data").getJsonArray("callRecordList").size() == 100, ok);
        int middle = (int) Math.max(1, records / DAYS / 100 / 2); // a page in the middle of a day's records
        row(report, setup, "v1 get_records_by_filter, one day, page " + middle + " of 100", instance,
                app -> filterRequest(app, day(random), middle),
                r -> r.getJsonObject("data").getJsonArray("callRecordList").size() == 100, ok);
        row(report, setup, "analyst GET /api/v1/records, one day, first 100", instance, app -> analystRequest(app, day(random)),
                r -> r.getJsonArray("records").size() == 100, "\"records\":[{");
    }

    /**
     * One row of the report: a warm-up, then {@link #QUERIES} queries (in-JVM clients) or {@link #WRK_SECONDS} of
     * load (wrk). In-JVM clients spread the queries over the instances; wrk sends them all to the first instance, which
     * answers what it owns and asks the other instance for the rest.
     *
     * @param correct checks each answer (in-JVM clients); {@code expect} is the fragment wrk checks for instead
     */
    private void row(StringBuilder report, String setup, String name, IntFunction<StreamsApp> instance,
                     Function<StreamsApp, WrkClient.Request> query, Predicate<JsonObject> correct, String expect) throws Exception {
        if (ONLY != null && !name.contains(ONLY)) {
            return;
        }
        if (WRK) {
            List<WrkClient.Request> requests = IntStream.range(0, QUERIES).mapToObj(i -> query.apply(instance.apply(0))).toList();
            WrkClient.run(requests, expect, CLIENTS, Duration.ofSeconds(Math.max(5, WRK_SECONDS / 4))); // warm-up
            WrkClient.Result r = WrkClient.run(requests, expect, CLIENTS, Duration.ofSeconds(WRK_SECONDS));
            if (r.unexpected() > 0 || r.socketErrors() > 0) {
                throw new IllegalStateException(name + ": " + r.unexpected() + " unexpected answers, " + r.socketErrors()
                        + " socket errors");
            }
            report.append(String.format("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %,.0f |%n", setup, name,
                    r.p50() / 1000, r.p90() / 1000, r.p99() / 1000, r.p999() / 1000, r.max() / 1000, r.perSecond()));
        } else {
            run(i -> send(query.apply(instance.apply(i))), correct, QUERIES / 5, new Recorder(3)); // warm-up
            Recorder recorder = new Recorder(3);
            long start = System.nanoTime();
            run(i -> send(query.apply(instance.apply(i))), correct, QUERIES, recorder);
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram h = recorder.getIntervalHistogram();
            report.append(String.format("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %,.0f |%n", setup, name,
                    ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), QUERIES / seconds));
        }
        System.out.println(report.substring(report.lastIndexOf("\n", report.length() - 2) + 1).trim());
    }

    private interface Query {
        JsonObject ask(int i) throws Exception;
    }

    private static void run(Query query, Predicate<JsonObject> correct, int count, Recorder recorder)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    JsonObject answer = query.ask(i);
                    recorder.recordValue((System.nanoTime() - t0) / 1_000);
                    if (!correct.test(answer)) {
                        throw new IllegalStateException("unexpected answer: " + answer.encode());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
    }

    private long day(Random random) {
        return dayZero + (1 + random(random, DAYS - 2)) * 86_400L;
    }

    private static synchronized int random(Random random, int bound) {
        return random.nextInt(bound);
    }

    private JsonObject byCallIdOf(StreamsApp app, String callId) throws Exception {
        return send(byCallIdRequest(app, callId));
    }

    private WrkClient.Request byCallIdRequest(StreamsApp app, String callId) {
        return vendor(app, "/v1/records/get_record_by_callId", new JsonObject().put("callId", callId));
    }

    private WrkClient.Request filterRequest(StreamsApp app, long day, int page) {
        return vendor(app, "/v1/records/get_records_by_filter", new JsonObject().put("startTimestamp", day)
                .put("endTimestamp", day + 86_400).put("numberPerPage", 100).put("page", page));
    }

    private WrkClient.Request vendor(StreamsApp app, String path, JsonObject body) {
        return new WrkClient.Request(app.port(), "POST", path + "?sdkappid=" + APP + "&identifier=administrator&usersig="
                + userSig + "&random=12345&contenttype=json", body.encode(), Map.of("Content-Type", "application/json"));
    }

    private WrkClient.Request analystRequest(StreamsApp app, long day) {
        return new WrkClient.Request(app.port(), "GET", "/api/v1/records?from=" + day + "&to=" + (day + 86_400) + "&limit=100",
                null, Map.of("Authorization", "Bearer " + userSig));
    }

    private static JsonObject send(WrkClient.Request request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + request.port() + request.pathAndQuery()))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<String> response = HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    private static String memory() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
        String rss = "?";
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            rss = lines.filter(l -> l.startsWith("VmRSS")).map(l -> l.replaceAll("\\D+", "")).findFirst()
                    .map(kb -> (Long.parseLong(kb) >> 10) + " MiB").orElse("?");
        } catch (IOException ignored) {
            // not Linux
        }
        return String.format("heap used %d MiB, process RSS %s (broker and clients included)", heap, rss);
    }

    /** The size of this run's state directories only: earlier runs' are left in the temp directory too. */
    private static String diskUsage(List<Path> dirs) throws IOException {
        long bytes = 0;
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                bytes += files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        }
        return String.format("%,d MiB of Streams state in the two instances' state directories", bytes >> 20);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
