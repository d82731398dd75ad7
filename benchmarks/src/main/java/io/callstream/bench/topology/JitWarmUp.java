package io.callstream.bench.topology;

import io.callstream.service.Env;
import io.callstream.service.KafkaSettings;
import io.callstream.service.Metrics;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.app.StreamsAppConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds callkit.events under other application ids until the JIT compiler has gone quiet, so that the measured run
 * starts with compiled code. A fixed time is not enough: on a slow host the compiler threads can still take half a
 * core during the measured window after 30 s. Runs in the JVM that then runs the measured app, since compiled code does not
 * carry over: the benchmark's own, or the pinned app's ({@link WarmedStreamsMain}). What it runs is the app, or
 * another Streams application configured like it ({@link Target}: the statistics alone, {@link StatsBenchmark}).
 *
 * <p>BENCH_WARMUP_SECONDS and BENCH_WARMUP_MAX_SECONDS are read from this JVM's environment (a pinned app's JVM
 * inherits the benchmark's).
 */
final class JitWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(JitWarmUp.class);
    static final int MIN_SECONDS = Env.system().integer("BENCH_WARMUP_SECONDS", 30);
    static final int MAX_SECONDS = Env.system().integer("BENCH_WARMUP_MAX_SECONDS", 180);
    /** The JIT is quiet when its threads used less than this share of one core over the window. */
    private static final double QUIET_SHARE = 0.05;
    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

    /**
     * What a warm-up runs: a Streams application configured like the app by variables, reading the topic that
     * CALLSTREAM_TOPIC_EVENTS names until its end.
     *
     * @param outputs its output topics for a prefix of names (the warm-up's own)
     * @param starter starts it from a warm-up run's configuration
     */
    record Target(Function<String, OutputTopics> outputs, Starter starter) {
    }

    /** Starts a warm-up run. */
    @FunctionalInterface
    interface Starter {
        Running start(StreamsAppConfig config, PrometheusMeterRegistry registry) throws Exception;
    }

    /** A started run: its Kafka Streams, whose state says whether it folds yet, and what stops the run. */
    record Running(KafkaStreams streams, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    /** The app itself, as it runs in production. */
    static final Target APP = new Target(OutputTopics::new, (config, registry) -> {
        StreamsApp app = StreamsApp.start(config, registry);
        return new Running(app.streams(), app);
    });

    private final Map<String, String> env;
    private final Starter starter;
    /**
     * {@code warmup-<measured application id>}: the warm-up runs' application ids start with it, and so do their
     * output topics (records and statistics), so that the measured app's output topics and internal topics
     * ({@code <application id>-...}) hold its own writes alone.
     */
    private final String prefix;
    private final OutputTopics outputs;
    private final long pid = ProcessHandle.current().pid();
    private final long started = System.nanoTime();
    /** The last WINDOW of folding; time spent starting a run or idle at the end of the topic is left out. */
    private final Deque<Interval> window = new ArrayDeque<>();
    private int runs;

    private JitWarmUp(Map<String, String> env, Target target) {
        this.env = env;
        this.starter = target.starter();
        this.prefix = "warmup-" + env.get("CALLSTREAM_APPLICATION_ID");
        this.outputs = target.outputs().apply(prefix);
    }

    /**
     * Folds for at least BENCH_WARMUP_SECONDS, then until the JIT threads of this process used less than 5% of a core
     * over the last 5 s of folding, for at most BENCH_WARMUP_MAX_SECONDS; a run that has folded the whole topic is
     * followed by another under a new application id, so that the fold never idles.
     *
     * @param env the measured app's variables; each run replaces its application id, state directory and output topics
     * @return what the warm-up did, for the report; "none" when BENCH_WARMUP_SECONDS is 0
     */
    static String run(Map<String, String> env) throws Exception {
        return run(env, APP);
    }

    /** As {@link #run(Map)}, with {@code target} in place of the app. */
    static String run(Map<String, String> env, Target target) throws Exception {
        if (MIN_SECONDS <= 0) {
            return "none";
        }
        JitWarmUp warmUp = new JitWarmUp(env, target);
        try (Admin admin = Admin.create(KafkaSettings.forRole(new Env(env), "ADMIN")); Metrics metrics = new Metrics("fold-warmup")) {
            admin.createTopics(List.of(warmUp.outputs.newTopics())).all().get();
            while (!warmUp.done()) {
                warmUp.foldOnce(admin, metrics.registry());
            }
        }
        return warmUp.describe();
    }

    /** One run under a fresh application id and state directory, until the warm-up is done or the topic is folded. */
    private void foldOnce(Admin admin, PrometheusMeterRegistry registry) throws Exception {
        runs++;
        String id = runs == 1 ? prefix : prefix + "-" + runs;
        LOG.info("JIT warm-up: run {} as {} after {} s; JIT compiler over the last 5 s of folding: {}", runs, id,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), describe(jitShare()));
        Map<String, String> warm = new HashMap<>(env);
        warm.put("CALLSTREAM_APPLICATION_ID", id);
        Path stateDir = Files.createTempDirectory(id);
        warm.put("CALLSTREAM_STATE_DIR", stateDir.toString());
        warm.putAll(outputs.variables());
        StreamsAppConfig config = StreamsAppConfig.from(new Env(warm));
        Map<TopicPartition, Long> end = Offsets.end(admin, List.of(config.topology().eventsTopic()));
        Running app = starter.start(config, registry);
        long folding = 0; // when the app was first seen folding
        try {
            Sample last = null; // the previous sample taken while the app was folding
            while (!done()) {
                Thread.sleep(SAMPLE_EVERY.toMillis());
                if (Offsets.reached(Offsets.committed(admin, id), end)) {
                    // Whether the warm-up left the fold still speeding up shows in these, run after run (±1 s).
                    if (folding != 0) {
                        LOG.info("JIT warm-up: run {} folded the topic in {} ms after it was seen running", runs,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - folding));
                    }
                    return; // from here the app would idle: the next run folds the topic again
                }
                if (app.streams().state() != KafkaStreams.State.RUNNING) {
                    last = null; // starting up: not folding yet
                    continue;
                }
                if (folding == 0) {
                    folding = System.nanoTime();
                }
                Sample now = Sample.take(pid);
                if (last != null) {
                    add(new Interval(now.nanos() - last.nanos(), now.cpu().secondsSince(last.cpu(), ThreadCpu.JIT)));
                }
                last = now;
            }
        } finally {
            app.close();
            Utils.delete(stateDir.toFile()); // up to one run's stores on disk at a time, not all of them
        }
    }

    private boolean done() {
        long elapsed = System.nanoTime() - started;
        return elapsed >= TimeUnit.SECONDS.toNanos(MAX_SECONDS)
                || elapsed >= TimeUnit.SECONDS.toNanos(MIN_SECONDS) && jitShare() < QUIET_SHARE;
    }

    private void add(Interval interval) {
        window.addLast(interval);
        while (windowNanos() - window.getFirst().nanos() >= WINDOW.toNanos()) {
            window.removeFirst();
        }
    }

    private long windowNanos() {
        return window.stream().mapToLong(Interval::nanos).sum();
    }

    /** The JIT threads' share of one core over the last WINDOW of folding; NaN before there was that much folding. */
    private double jitShare() {
        long nanos = windowNanos();
        return nanos < WINDOW.toNanos() ? Double.NaN : window.stream().mapToDouble(Interval::jitSeconds).sum() / (nanos / 1e9);
    }

    private String describe() {
        double share = jitShare();
        return String.format("%d s (%s%d run%s under other application ids; JIT compiler over the last 5 s of folding: %s)",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                share < QUIET_SHARE ? "" : "stopped by the " + MAX_SECONDS + " s cap; ", runs, runs == 1 ? "" : "s",
                describe(share));
    }

    private static String describe(double jitShare) {
        return Double.isNaN(jitShare) ? "not measured" : String.format("%.1f%% of a core", jitShare * 100);
    }

    /** This process's threads' CPU time at a moment. */
    private record Sample(long nanos, ThreadCpu cpu) {
        static Sample take(long pid) {
            return new Sample(System.nanoTime(), ThreadCpu.snapshot(pid));
        }
    }

    /** A stretch of folding and the CPU seconds the JIT compiler used in it. */
    private record Interval(long nanos, double jitSeconds) {
    }
}
