package io.callstream.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listener held to its limits, on real sockets: what a slow, idle or surplus client gets. */
class ConnectionGuardTest {

    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    private final Vertx vertx = Vertx.vertx();
    private final List<ConnectionGuard.Cut> cuts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private int listen(ServerLimits limits, ConnectionGuard.OverCap overCap) {
        // Answers once the whole body is read, as the gateway's and the query APIs' handlers do.
        Handler<HttpServerRequest> answer = request -> request.body().onSuccess(body -> request.response().end("ok"));
        ConnectionGuard guard = new ConnectionGuard("test", limits, overCap, new AtomicInteger(), cuts::add, new RefusalLog());
        return guard.listen(vertx, answer, "127.0.0.1", 0).toCompletionStage().toCompletableFuture().join().actualPort();
    }

    private static ServerLimits limits(Duration idle, Duration read, int maxConnections) {
        return new ServerLimits(idle, read, maxConnections, 8192, 4096);
    }

    @Test
    void anIdleConnectionIsClosedOnTime() throws Exception {
        int port = listen(limits(Duration.ofMillis(600), Duration.ofSeconds(10), 100), ConnectionGuard.OverCap.ANSWER_503);
        try (Socket idle = new Socket("127.0.0.1", port)) {
            long opened = System.nanoTime();
            idle.setSoTimeout(5_000);
            assertThat(idle.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(millisSince(opened)).isBetween(500L, 2_000L);
        }
        assertThat(cuts).containsExactly(ConnectionGuard.Cut.IDLE);
        // A connection that is used is not idle: a request every 300 ms keeps it open past the timeout.
        try (Socket keptAlive = new Socket("127.0.0.1", port)) {
            for (int i = 0; i < 5; i++) {
                assertThat(exchange(keptAlive, GET)).startsWith("HTTP/1.1 200");
                Thread.sleep(300);
            }
        }
    }

    @Test
    void aRequestHeadSentAByteAtATimeIsCutAtTheIdleTimeoutHoweverOftenBytesCome() throws Exception {
        int port = listen(limits(Duration.ofMillis(600), Duration.ofSeconds(10), 100), ConnectionGuard.OverCap.ANSWER_503);
        try (Socket slow = new Socket("127.0.0.1", port)) {
            long opened = System.nanoTime();
            assertThat(trickle(slow, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + "z".repeat(100), Duration.ofSeconds(5)))
                    .as("the server closed the connection while bytes kept coming").isTrue();
            assertThat(millisSince(opened)).isBetween(500L, 2_500L);
        }
        assertThat(cuts).containsExactly(ConnectionGuard.Cut.IDLE);
    }

    @Test
    void aBodySentAByteAtATimeIsCutAtTheReadTimeout() throws Exception {
        int port = listen(limits(Duration.ofSeconds(30), Duration.ofMillis(600), 100), ConnectionGuard.OverCap.ANSWER_503);
        try (Socket slow = new Socket("127.0.0.1", port)) {
            OutputStream out = slow.getOutputStream();
            out.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            long headSent = System.nanoTime();
            assertThat(trickle(slow, "b".repeat(200), Duration.ofSeconds(5))).isTrue();
            assertThat(millisSince(headSent)).isBetween(500L, 2_500L);
        }
        assertThat(cuts).containsExactly(ConnectionGuard.Cut.READ_TIMEOUT);
    }

    @Test
    void overTheConnectionCapAnswers503AndServesAgainOnceConnectionsClose() throws Exception {
        int port = listen(limits(Duration.ofSeconds(30), Duration.ofSeconds(10), 2), ConnectionGuard.OverCap.ANSWER_503);
        Socket first = new Socket("127.0.0.1", port);
        try (Socket second = new Socket("127.0.0.1", port)) {
            assertThat(exchange(second, GET)).startsWith("HTTP/1.1 200");
            assertThat(exchange(first, GET)).startsWith("HTTP/1.1 200");
            try (Socket third = new Socket("127.0.0.1", port)) {
                String answer = exchange(third, GET);
                assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("connection: close")
                        .containsIgnoringCase("retry-after: 1");
                third.setSoTimeout(5_000);
                assertThat(drain(third.getInputStream())).as("and closed").isTrue();
            }
            first.close();
            assertThat(servedAgain(port)).startsWith("HTTP/1.1 200");
        }
        assertThat(cuts).contains(ConnectionGuard.Cut.OVER_CAP);
    }

    @Test
    void connectionsWaitingForTheir503AreBoundedToo() throws Exception {
        int port = listen(limits(Duration.ofSeconds(30), Duration.ofSeconds(10), 1), ConnectionGuard.OverCap.ANSWER_503);
        try (Socket served = new Socket("127.0.0.1", port); Socket held = new Socket("127.0.0.1", port)) {
            assertThat(exchange(served, GET)).startsWith("HTTP/1.1 200");
            try (Socket beyond = new Socket("127.0.0.1", port)) {
                beyond.setSoTimeout(5_000);
                assertThat(beyond.getInputStream().read()).as("closed at once, unanswered").isEqualTo(-1);
            }
            assertThat(exchange(held, GET)).startsWith("HTTP/1.1 503");
        }
    }

    @Test
    void whenTheCapClosesAConnectionItIsClosedAtOnceAndTheListenerRecovers() throws Exception {
        int port = listen(limits(Duration.ofSeconds(30), Duration.ofSeconds(10), 1), ConnectionGuard.OverCap.CLOSE);
        Socket first = new Socket("127.0.0.1", port);
        assertThat(exchange(first, GET)).startsWith("HTTP/1.1 200");
        try (Socket second = new Socket("127.0.0.1", port)) {
            second.setSoTimeout(5_000);
            assertThat(second.getInputStream().read()).isEqualTo(-1);
        }
        first.close();
        assertThat(servedAgain(port)).startsWith("HTTP/1.1 200");
        assertThat(cuts).contains(ConnectionGuard.Cut.OVER_CAP);
    }

    @Test
    void theRequestLineAndHeadersAreBounded() throws Exception {
        int port = listen(new ServerLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 100, 1024, 256),
                ConnectionGuard.OverCap.ANSWER_503);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(exchange(socket, "GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                    .matches("(?s)HTTP/1.[01] 414 .*");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(exchange(socket, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n"))
                    .matches("(?s)HTTP/1.[01] 431 .*");
        }
    }

    @Test
    void theLimitsAreReadUnderAPrefixWithDefaults() {
        ServerLimits defaults = new ServerLimits(Duration.ofSeconds(75), Duration.ofSeconds(10), 1024, 8192, 4096);
        assertThat(ServerLimits.from(new Env(Map.of()), "CALLSTREAM_QUERY", defaults)).isEqualTo(defaults);
        assertThat(defaults.clientKeepAliveSeconds()).isEqualTo(37);
        ServerLimits set = ServerLimits.from(new Env(Map.of("CALLSTREAM_QUERY_IDLE_TIMEOUT_MS", "1500",
                "CALLSTREAM_QUERY_REQUEST_READ_TIMEOUT_MS", "2500", "CALLSTREAM_QUERY_MAX_HEADER_BYTES", "16384",
                "CALLSTREAM_QUERY_MAX_LINE_BYTES", "8192", "CALLSTREAM_QUERY_MAX_CONNECTIONS", "10")),
                "CALLSTREAM_QUERY", defaults);
        assertThat(set).isEqualTo(new ServerLimits(Duration.ofMillis(1500), Duration.ofMillis(2500), 10, 16384, 8192));
        assertThat(limits(Duration.ofMillis(1999), Duration.ofSeconds(1), 1).clientKeepAliveSeconds()).as("no reuse").isZero();
        assertThatThrownBy(() -> ServerLimits.from(new Env(Map.of("CALLSTREAM_QUERY_MAX_CONNECTIONS", "0")),
                "CALLSTREAM_QUERY", defaults))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_QUERY_MAX_CONNECTIONS");
        assertThatThrownBy(() -> ServerLimits.from(new Env(Map.of("CALLSTREAM_QUERY_REQUEST_READ_TIMEOUT_MS", "0")),
                "CALLSTREAM_QUERY", defaults))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_QUERY_REQUEST_READ_TIMEOUT_MS");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * Sends {@code text} a byte every 50 ms, then waits; true when the server closed the connection within
     * {@code within}.
     */
    private static boolean trickle(Socket socket, String text, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        OutputStream out = socket.getOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.setSoTimeout(50);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            try {
                if (socket.getInputStream().read() == -1) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // nothing from the server yet
            } catch (IOException reset) {
                return true;
            }
            if (i < bytes.length) {
                try {
                    out.write(bytes[i]);
                    out.flush();
                } catch (IOException closed) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The answer of a new connection, retried for a moment: the server sees a close a moment after it happens. */
    private static String servedAgain(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String answer;
        do {
            try (Socket again = new Socket("127.0.0.1", port)) {
                answer = exchange(again, GET);
            } catch (IOException closedAtOnce) {
                answer = "";
            }
        } while (!answer.startsWith("HTTP/1.1 200") && System.nanoTime() < deadline);
        return answer;
    }

    /** Sends a request and reads the response's status line and headers. */
    private static String exchange(Socket socket, String request) throws IOException {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        String text = head.toString();
        int length = contentLength(text);
        for (int i = 0; i < length && in.read() != -1; i++) {
            // the body: read so the next exchange starts at the next response
        }
        return text;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    /** Whether the server closes the connection (end of stream) rather than leave it open. */
    private static boolean drain(InputStream in) throws IOException {
        try {
            while (in.read() != -1) {
                // whatever is left of the answer
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
