package io.callstream.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client on a plain socket, for what an HTTP client library will not do: send a request a byte at a time, stop
 * half-way, or hold a connection without sending anything, and see exactly when the server answers or closes.
 */
final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private boolean closed;

    RawConnection(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete HTTP/1.1 POST of {@code body}, keeping the connection alive. */
    static String post(String pathAndQuery, String body) {
        return "POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /**
     * A complete HTTP/1.1 POST of {@code body} with {@code Transfer-Encoding: chunked} and no {@code Content-Length}, in
     * chunks of {@code chunkBytes}: a body whose size the server learns only by reading it.
     */
    static String chunkedPost(String pathAndQuery, String body, int chunkBytes) {
        StringBuilder request = new StringBuilder("POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int from = 0; from < body.length(); from += chunkBytes) {
            String chunk = body.substring(from, Math.min(body.length(), from + chunkBytes));
            request.append(Integer.toHexString(chunk.getBytes(StandardCharsets.UTF_8).length)).append("\r\n")
                    .append(chunk).append("\r\n");
        }
        return request.append("0\r\n\r\n").toString();
    }

    /** The status code of a raw HTTP/1.1 answer, e.g. 413 from {@code HTTP/1.1 413 Request Entity Too Large}. */
    static int status(String answer) {
        if (!answer.startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP answer: " + answer);
        }
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** The body of a raw HTTP answer: what follows its head. */
    static String body(String answer) {
        int head = answer.indexOf("\r\n\r\n");
        if (head < 0) {
            throw new AssertionError("no complete head in: " + answer);
        }
        return answer.substring(head + 4);
    }

    /** Writes {@code text}; false when the server has closed the connection (the write failed). */
    boolean send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What the server sent within {@code wait}, up to when it went quiet for {@code wait} or closed: empty when it
     * sent nothing. {@link #closedByServer} then tells whether it closed.
     */
    String receive(Duration wait) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            socket.setSoTimeout((int) wait.toMillis());
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    closed = true;
                    break;
                }
                got.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // quiet for the whole wait
        } catch (SocketException e) {
            closed = true; // reset by the server
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /**
     * One whole answer: reads until its head and its {@code Content-Length} of body arrived, the server closed the
     * connection, or {@code atMost} passed; returns what arrived (empty when nothing did).
     */
    String receiveAnswer(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        StringBuilder got = new StringBuilder();
        while (!closed && !complete(got.toString()) && System.nanoTime() < deadline) {
            got.append(receive(Duration.ofMillis(20)));
        }
        return got.toString();
    }

    private static boolean complete(String answer) {
        int head = answer.indexOf("\r\n\r\n");
        if (head < 0) {
            return false;
        }
        String length = header(answer, "Content-Length");
        return length != null && answer.getBytes(StandardCharsets.UTF_8).length - (head + 4) >= Integer.parseInt(length);
    }

    /** A header's value in a raw HTTP answer's head (name case-insensitive), or null. */
    static String header(String answer, String name) {
        int head = answer.indexOf("\r\n\r\n");
        for (String line : answer.substring(0, head < 0 ? answer.length() : head).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Whether a {@link #receive} saw the server close the connection. */
    boolean closedByServer() {
        return closed;
    }

    /**
     * Waits up to {@code atMost} for the server to close the connection, reading and dropping what it sends;
     * returns how long that took, or null when it was still open.
     */
    Duration awaitClose(Duration atMost) {
        long started = System.nanoTime();
        long deadline = started + atMost.toNanos();
        while (!closed && System.nanoTime() < deadline) {
            receive(Duration.ofMillis(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000))));
        }
        return closed ? Duration.ofNanos(System.nanoTime() - started) : null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
