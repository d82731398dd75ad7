package io.callstream.bench.gateway;

import io.callstream.bench.Machine;
import io.callstream.gateway.GatewayMain;
import io.callstream.schemas.topic.Topics;
import io.callstream.testkit.FreePort;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.KafkaClusters;
import io.vertx.core.buffer.Buffer;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures the gateway on this machine: saturation throughput, then ack latency at 25%, 50% and 75% of it, heap and
 * RSS, against a bare Vert.x server as the ceiling. The broker (embedded) and the load run in this JVM; the gateway
 * and the bare server each run in their own JVM, as in production.
 *
 * <p>Run with {@code benchmarks/run-gateway-benchmark.sh}; settings via BENCH_* environment variables (see there).
 */
public final class GatewayBenchmark {

    private static final int CONCURRENCY = intEnv("BENCH_CONCURRENCY", 64);
    private static final Duration WARMUP = Duration.ofSeconds(intEnv("BENCH_WARMUP_SECONDS", 20));
    private static final Duration SATURATION = Duration.ofSeconds(intEnv("BENCH_SATURATION_SECONDS", 20));
    private static final Duration RATE_RUN = Duration.ofSeconds(intEnv("BENCH_RATE_SECONDS", 15));
    private static final String HEAP = System.getenv().getOrDefault("BENCH_HEAP", "256m");
    private static final int EVENT_LOOPS = intEnv("BENCH_EVENT_LOOPS", 2);
    private static final long SDK_APP_ID = 1400000001L;
    /** Sent as {@code ?token=}, which the bare server ignores, so both servers get the same requests. */
    private static final String TOKEN = "benchmark-token-0123456789";

    record Phase(String name, LoadGenerator.Result result) {
    }

    record Run(String server, List<Phase> phases, long peakHeapBytes, long peakRssBytes) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        List<LoadGenerator.Request> requests = realisticCallbacks(20_000, new Random(7));
        try (KafkaCluster kafka = KafkaClusters.startEmbedded()) {
            kafka.createTopics(Topics.EVENTS.toNewTopic(Optional.empty()), Topics.EVENTS_DLQ.toNewTopic(Optional.empty()));
            Run gateway = measure("gateway", GatewayMain.class.getName(), kafka, requests, out);
            long stored = storedEvents(kafka);
            Run bare = measure("bare Vert.x (ceiling)", BareCallbackServer.class.getName(), kafka, requests, out);
            String report = report(gateway, bare, stored);
            Files.writeString(out.resolve("gateway-benchmark.md"), report);
            System.out.println(report);
        }
        System.exit(0);
    }

    private static Run measure(String name, String mainClass, KafkaCluster kafka, List<LoadGenerator.Request> requests,
                               Path out) throws Exception {
        int port = FreePort.find();
        String simpleName = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        Path gcLog = out.resolve(simpleName + "-gc.log").toAbsolutePath();
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>();
        String cpus = System.getenv("BENCH_SERVER_CPUS"); // e.g. "1": run the server on its own core(s), via taskset
        if (cpus != null && !cpus.isBlank()) {
            command.addAll(List.of("taskset", "-c", cpus.trim()));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:+UseG1GC", "-Xlog:gc:file=" + gcLog));
        String extra = System.getenv("BENCH_SERVER_JVM_OPTS"); // e.g. a JFR recording, for profiling
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().replace("{name}", simpleName).split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_SDKAPPIDS", Long.toString(SDK_APP_ID));
        env.put("CALLSTREAM_CALLBACK_TOKEN", TOKEN);
        env.put("CALLSTREAM_GATEWAY_PORT", Integer.toString(port));
        env.put("CALLSTREAM_GATEWAY_HOST", "127.0.0.1");
        env.put("CALLSTREAM_GATEWAY_EVENT_LOOPS", Integer.toString(EVENT_LOOPS));
        env.put("CALLSTREAM_LOG_FORMAT", "text");
        pb.redirectErrorStream(true).redirectOutput(out.resolve(simpleName + ".log").toFile());
        Process process = pb.start();
        MemorySampler memory = new MemorySampler(process.pid(), gcLog);
        try {
            awaitReady(port);
            List<Phase> phases = new ArrayList<>();
            try (LoadGenerator load = new LoadGenerator(port, requests, CONCURRENCY)) {
                load.closedLoop(CONCURRENCY, WARMUP);
                LoadGenerator.Result saturation = load.closedLoop(CONCURRENCY, SATURATION);
                phases.add(new Phase("saturation (" + CONCURRENCY + " outstanding)", saturation));
                for (double share : new double[] {0.25, 0.5, 0.75}) {
                    double rate = Math.floor(saturation.throughput() * share);
                    phases.add(new Phase((int) (share * 100) + "% = " + (long) rate + "/s",
                            load.openLoop(rate, RATE_RUN, 20_000)));
                }
            }
            long rss = memory.peakRssBytes(); // read while the process is alive
            return new Run(name, phases, memory.peakHeapBytes(), rss);
        } finally {
            memory.close();
            process.destroy(); // SIGTERM: the gateway drains
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server on port " + port + " never became ready");
    }

    private static long storedEvents(KafkaCluster kafka) throws Exception {
        var partitions = kafka.admin().describeTopics(List.of(Topics.EVENTS.name())).allTopicNames().get()
                .get(Topics.EVENTS.name()).partitions().stream()
                .map(p -> new TopicPartition(Topics.EVENTS.name(), p.partition())).toList();
        var offsets = kafka.admin().listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(
                p -> p, p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
        return offsets.values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** Callbacks as a day of 1v1 calls produces them: ~8 per call over the event and status commands. */
    static List<LoadGenerator.Request> realisticCallbacks(int calls, Random random) {
        String[][] flows = {
                {"caller_start_call", "callee_receive_call", "callee_accept_call", "caller_call_accepted", "caller_call_end", "callee_call_end", "normal_end", "normal_end"},
                {"caller_start_call", "callee_receive_call", "callee_reject_call", "caller_call_rejected", "reject"},
                {"caller_start_call", "callee_receive_call", "caller_cancel_call", "callee_call_canceled", "cancel"},
                {"caller_start_call", "callee_receive_call", "callee_not_answer_call", "caller_call_missed", "not_answer"},
        };
        String[] platforms = {"iOS", "Android", "Web", "miniProgram"};
        List<LoadGenerator.Request> requests = new ArrayList<>();
        long t = 1_763_000_000L;
        for (int c = 0; c < calls && requests.size() < calls; c++) {
            String callId = java.util.UUID.nameUUIDFromBytes(("bench-" + c).getBytes()).toString();
            String caller = "user-" + random.nextInt(100_000);
            String callee = "user-" + random.nextInt(100_000);
            String[] flow = flows[random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(3)];
            t += random.nextInt(3);
            for (int i = 0; i < flow.length; i++) {
                String command = flow[i];
                boolean callerSide = command.startsWith("caller_") || (i % 2 == 0 && !command.startsWith("callee_"));
                String body = "{\"UserId\":\"" + (callerSide ? caller : callee) + "\",\"RoomId\":\"room-" + c + "\",\"TotalNum\":2,"
                        + "\"MediaType\":\"video\",\"CallType\":\"single\",\"CallId\":\"" + callId + "\",\"Role\":\""
                        + (callerSide ? "caller" : "callee") + "\",\"Event\":\"" + command.replaceFirst("^(caller|callee)_", "")
                        + "\",\"CallResult\":\"" + (command.contains("_") ? "" : command) + "\",\"EventTime\":" + (t + i * 5)
                        + ",\"StartCallTs\":" + t + ",\"AcceptTs\":" + (t + 5) + ",\"EndTs\":" + (t + 60) + "}";
                String uri = "/callback?sdkappid=" + SDK_APP_ID + "&command=" + command + "&contenttype=json&clientip=10.1.2.3&optplatform="
                        + platforms[random.nextInt(platforms.length)] + "&token=" + TOKEN;
                requests.add(new LoadGenerator.Request(uri, Buffer.buffer(body)));
            }
        }
        return requests;
    }

    private static String report(Run gateway, Run bare, long storedEvents) {
        StringBuilder sb = new StringBuilder();
        sb.append("Measured ").append(Instant.now()).append(" on ").append(Machine.describe())
                .append("; server JVMs -Xmx").append(HEAP).append(", ").append(EVENT_LOOPS).append(" event loops; embedded broker and load")
                .append(" generator in one more JVM on the same machine.\n\n");
        sb.append("| server | phase | throughput (req/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | errors | dropped |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run run : List.of(gateway, bare)) {
            for (Phase p : run.phases()) {
                var h = p.result().latency();
                sb.append(String.format("| %s | %s | %,.0f | %.2f | %.2f | %.2f | %.1f | %d | %d |%n", run.server(), p.name(),
                        p.result().throughput(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, p.result().errors(), p.result().dropped()));
            }
        }
        double ratio = gateway.phases().get(0).result().throughput() / bare.phases().get(0).result().throughput();
        sb.append(String.format("%nSaturation ratio gateway / ceiling: **%.2f**.%n%n", ratio));
        sb.append("| server | peak heap used (MiB) | peak RSS (MiB) |\n|---|---:|---:|\n");
        for (Run run : List.of(gateway, bare)) {
            sb.append(String.format("| %s | %.0f | %.0f |%n", run.server(), run.peakHeapBytes() / 1048576.0, run.peakRssBytes() / 1048576.0));
        }
        long acknowledged = gateway.phases().stream().mapToLong(p -> p.result().completed()).sum();
        sb.append(String.format("%nCallbacks acknowledged by the gateway in the measured phases: %,d (plus warm-up); records in "
                + "callkit.events after the gateway run: %,d.%n", acknowledged, storedEvents));
        return sb.toString();
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    /**
     * Peak heap from the child's own GC log (heap occupancy before each collection is the high-water mark between
     * collections) and peak RSS from /proc: neither costs the measured process anything.
     */
    private static final class MemorySampler implements AutoCloseable {
        private static final java.util.regex.Pattern BEFORE_GC = java.util.regex.Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");
        private final long pid;
        private final Path gcLog;

        MemorySampler(long pid, Path gcLog) {
            this.pid = pid;
            this.gcLog = gcLog;
        }

        long peakHeapBytes() {
            try {
                long peakMb = 0;
                for (String line : Files.readAllLines(gcLog)) {
                    var m = BEFORE_GC.matcher(line);
                    while (m.find()) {
                        peakMb = Math.max(peakMb, Long.parseLong(m.group(1)));
                    }
                }
                return peakMb * 1024 * 1024;
            } catch (IOException e) {
                return 0;
            }
        }

        long peakRssBytes() {
            try {
                return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                        .filter(l -> l.startsWith("VmHWM:")).findFirst()
                        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(0L);
            } catch (IOException e) {
                return 0;
            }
        }

        @Override
        public void close() {
        }
    }
}
