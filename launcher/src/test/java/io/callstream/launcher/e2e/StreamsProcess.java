package io.callstream.launcher.e2e;

import static org.awaitility.Awaitility.await;

import io.callstream.topology.app.StreamsMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Streams app in a JVM of its own ({@code java -cp <this test's classpath> StreamsMain}, configured by its
 * environment as in production), so that it can be killed as a crash kills it: {@link #kill} sends SIGKILL, and the
 * app gets no shutdown hook, no last commit and no close. Inside the test's JVM that cannot be done: a
 * {@code KafkaStreams} there can only be closed.
 */
final class StreamsProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final URI readyz;

    private StreamsProcess(String name, Process process, Path log, URI readyz) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.readyz = readyz;
    }

    /** Starts the app with exactly {@code env} as its callstream and Kafka settings; its output goes to {@code log}. */
    static StreamsProcess start(String name, Map<String, String> env, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                StreamsMain.class.getName());
        // Only what the test says: nothing inherited from the shell that runs the build.
        builder.environment().keySet().removeIf(k -> k.startsWith("CALLSTREAM_") || k.startsWith("KAFKA_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return new StreamsProcess(name, builder.start(), log,
                    URI.create("http://127.0.0.1:" + env.get("CALLSTREAM_QUERY_PORT") + "/readyz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with the end of the app's log when it has exited: a condition that waits for it would wait in vain. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with status " + process.exitValue() + "; its log ends:\n" + logTail());
        }
    }

    /** Waits until {@code /readyz} says Kafka Streams is RUNNING: its tasks are assigned and restored. */
    void awaitReady(Duration atMost) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertAlive();
            try {
                return http.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            }
        });
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " still runs 30 s after SIGKILL");
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** SIGTERM (a clean stop) if it still runs, SIGKILL if that takes over a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
