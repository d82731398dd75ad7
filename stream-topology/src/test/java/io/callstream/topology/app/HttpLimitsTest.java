package io.callstream.topology.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A query listener's limits, on real sockets. */
class HttpLimitsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private int listen(HttpLimits limits) {
        HttpServer server = limits.listen(vertx, request -> request.response().end("ok"), "127.0.0.1", 0)
                .toCompletionStage().toCompletableFuture().join();
        return server.actualPort();
    }

    @Test
    void anIdleConnectionIsClosedOnTime() throws Exception {
        int port = listen(new HttpLimits(Duration.ofMillis(600), 8192, 4096, 100));
        try (Socket idle = new Socket("127.0.0.1", port)) {
            long opened = System.nanoTime();
            idle.setSoTimeout(5_000);
            assertThat(idle.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            long closedAfterMs = (System.nanoTime() - opened) / 1_000_000;
            assertThat(closedAfterMs).isBetween(500L, 2_000L);
        }
        // A connection that is used is not idle: a request every 300 ms keeps it open past the timeout.
        try (Socket keptAlive = new Socket("127.0.0.1", port)) {
            for (int i = 0; i < 5; i++) {
                assertThat(exchange(keptAlive, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
                Thread.sleep(300);
            }
        }
    }

    @Test
    void aTrickleOfBytesDoesNotOutliveTheIdleTimeoutBetweenThem() throws Exception {
        int port = listen(new HttpLimits(Duration.ofMillis(500), 8192, 4096, 100));
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(5_000);
            OutputStream out = slow.getOutputStream();
            out.write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(900); // longer than the timeout between two bytes of the request
            assertThat(slow.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void overTheConnectionCapAnswers503AndServesAgainOnceConnectionsClose() throws Exception {
        int port = listen(new HttpLimits(Duration.ofSeconds(30), 8192, 4096, 2));
        Socket first = new Socket("127.0.0.1", port);
        try (Socket second = new Socket("127.0.0.1", port)) {
            assertThat(exchange(second, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
            assertThat(exchange(first, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
            try (Socket third = new Socket("127.0.0.1", port)) {
                String answer = exchange(third, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("connection: close");
                third.setSoTimeout(5_000);
                assertThat(drain(third.getInputStream())).as("and closed").isTrue();
            }
            first.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            String answer;
            do { // the server sees the close a moment later
                try (Socket again = new Socket("127.0.0.1", port)) {
                    answer = exchange(again, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                }
            } while (!answer.startsWith("HTTP/1.1 200") && System.nanoTime() < deadline);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void theRequestLineAndHeadersAreBounded() throws Exception {
        int port = listen(new HttpLimits(Duration.ofSeconds(30), 1024, 256, 100));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(exchange(socket, "GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: x\r\n\r\n")).matches("(?s)HTTP/1.[01] 414 .*");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(exchange(socket, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n"))
                    .matches("(?s)HTTP/1.[01] 431 .*");
        }
    }

    @Test
    void theLimitsAreConfigurableWithDefaults() {
        HttpLimits defaults = HttpLimits.from(new Env(Map.of()));
        assertThat(defaults).isEqualTo(new HttpLimits(Duration.ofSeconds(75), 8192, 4096, 1024));
        assertThat(defaults.clientKeepAliveSeconds()).isEqualTo(37);
        HttpLimits set = HttpLimits.from(new Env(Map.of("CALLSTREAM_QUERY_IDLE_TIMEOUT_MS", "1500",
                "CALLSTREAM_QUERY_MAX_HEADER_BYTES", "16384", "CALLSTREAM_QUERY_MAX_LINE_BYTES", "8192",
                "CALLSTREAM_QUERY_MAX_CONNECTIONS", "10")));
        assertThat(set).isEqualTo(new HttpLimits(Duration.ofMillis(1500), 16384, 8192, 10));
        assertThat(new HttpLimits(Duration.ofMillis(1999), 1024, 256, 1).clientKeepAliveSeconds()).as("no reuse").isZero();
        assertThatThrownBy(() -> HttpLimits.from(new Env(Map.of("CALLSTREAM_QUERY_MAX_CONNECTIONS", "0"))))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_QUERY_MAX_CONNECTIONS");
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
