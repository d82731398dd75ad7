package io.callstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway's HTTP server against clients that hold connections: slow (a slowloris sending its request a byte at a
 * time), idle, too many, or with oversized heads. Real sockets, with the limits scaled down (an idle timeout of 1.5 s
 * instead of 60 s) so that "cut off on time" is seconds.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLimitsIT {

    private static final Duration IDLE = Duration.ofMillis(1500);
    private static final Duration READ = Duration.ofMillis(1000);
    /** The sweep's period (a fifth of the shorter timeout), and scheduling. */
    private static final Duration SLACK = Duration.ofMillis(800);

    private GatewayHarness gw;

    @BeforeAll
    void start(KafkaCluster kafka) {
        gw = new GatewayHarness(kafka, Map.of(
                "CALLSTREAM_GATEWAY_IDLE_TIMEOUT_MS", Long.toString(IDLE.toMillis()),
                "CALLSTREAM_GATEWAY_REQUEST_READ_TIMEOUT_MS", Long.toString(READ.toMillis()),
                "CALLSTREAM_GATEWAY_MAX_HEADER_BYTES", "2048",
                "CALLSTREAM_GATEWAY_MAX_LINE_BYTES", "1024"));
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    private static String callback(String callId) {
        return RawConnection.post(GatewayHarness.callback(1400000001L, "caller_start_call", callId, "u"),
                GatewayHarness.body(callId, "alice", "caller", 1L));
    }

    @Test
    void aSlowlorisSendingItsRequestHeadAByteAtATimeIsCutOffAtTheIdleTimeout() throws Exception {
        try (RawConnection slow = new RawConnection(gw.gateway.port())) {
            long started = System.nanoTime();
            slow.send("POST " + GatewayHarness.callback(1400000001L, "caller_start_call", "slow", "u") + " HTTP/1.1\r\n");
            String header = "X-Slow-Header-That-Never-Ends: ";
            Duration closedAfter = null;
            for (int i = 0; closedAfter == null && i < 40; i++) {
                // A byte every 200 ms: a socket idle timeout, restarted by every byte, would never fire.
                if (!slow.send(String.valueOf(header.charAt(i % header.length())))) {
                    break;
                }
                slow.receive(Duration.ofMillis(200));
                if (slow.closedByServer()) {
                    closedAfter = Duration.ofNanos(System.nanoTime() - started);
                }
            }

            assertThat(closedAfter).as("closed while still sending").isNotNull();
            assertThat(closedAfter).isBetween(IDLE.minusMillis(100), IDLE.plus(SLACK));
        }
        assertThat(gw.registry.scrape()).contains("callstream_gateway_connections_cut_total{application=\"callstream-gateway\",reason=\"idle\"}");
    }

    @Test
    void aBodySentTooSlowlyIsCutOffAtTheReadTimeout() {
        try (RawConnection slow = new RawConnection(gw.gateway.port())) {
            slow.send("POST " + GatewayHarness.callback(1400000001L, "caller_start_call", "slow-body", "u") + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{");
            long started = System.nanoTime();
            Duration closedAfter = null;
            for (int i = 0; closedAfter == null && i < 40; i++) {
                if (!slow.send(" ")) {
                    break;
                }
                slow.receive(Duration.ofMillis(150));
                if (slow.closedByServer()) {
                    closedAfter = Duration.ofNanos(System.nanoTime() - started);
                }
            }

            assertThat(closedAfter).as("closed while still sending").isNotNull();
            assertThat(closedAfter).isBetween(READ.minusMillis(100), READ.plus(SLACK));
        }
        assertThat(gw.registry.scrape()).contains("reason=\"read_timeout\"");
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheIdleTimeout() {
        try (RawConnection idle = new RawConnection(gw.gateway.port())) {
            Duration closedAfter = idle.awaitClose(IDLE.multipliedBy(3));

            assertThat(closedAfter).isNotNull().isBetween(IDLE.minusMillis(100), IDLE.plus(SLACK));
        }
    }

    @Test
    void theIdleTimeoutCountsFromTheLastAnswerSoABusyConnectionStaysOpen() {
        try (RawConnection busy = new RawConnection(gw.gateway.port())) {
            for (int i = 0; i < 3; i++) { // 3 s in all, twice the idle timeout
                busy.send(callback("busy-" + i));
                assertThat(busy.receive(Duration.ofMillis(1000))).as("request %d", i).startsWith("HTTP/1.1 200");
                assertThat(busy.closedByServer()).isFalse();
            }
            long answered = System.nanoTime();

            Duration closedAfter = busy.awaitClose(IDLE.multipliedBy(3));

            assertThat(closedAfter).isNotNull();
            // receive() above waited 1 s of quiet after the last answer before awaitClose began.
            assertThat(Duration.ofNanos(System.nanoTime() - answered).plusMillis(1000)).isBetween(IDLE, IDLE.plus(SLACK).plusMillis(200));
        }
    }

    @Test
    void anOversizedRequestLineOrHeaderIsRefused() {
        try (RawConnection longLine = new RawConnection(gw.gateway.port())) {
            longLine.send("POST " + GatewayHarness.withToken("/callback?sdkappid=1400000001&pad=" + "x".repeat(1100))
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
            // Answered before the request is understood, so in HTTP/1.0.
            assertThat(longLine.receive(Duration.ofMillis(500))).containsPattern("^HTTP/1\\.[01] 414 ");
        }
        try (RawConnection bigHeader = new RawConnection(gw.gateway.port())) {
            bigHeader.send("POST " + GatewayHarness.withToken("/callback?sdkappid=1400000001") + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Pad: " + "y".repeat(3000) + "\r\nContent-Length: 2\r\n\r\n{}");
            assertThat(bigHeader.receive(Duration.ofMillis(500))).containsPattern("^HTTP/1\\.[01] 431 ");
        }
    }

    /** HTTP/2 would multiplex requests on one connection, around the per-connection bounds: the server stays HTTP/1.1. */
    @Test
    void anUpgradeToHttp2IsNotTaken() {
        try (RawConnection upgrade = new RawConnection(gw.gateway.port())) {
            upgrade.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n");
            assertThat(upgrade.receive(Duration.ofMillis(500))).startsWith("HTTP/1.1 200");
        }
    }

    /** Its own gateway: a cap of 3, and the default idle timeout so the connections holding the cap stay open. */
    @Test
    void beyondTheConnectionCapANewConnectionIsClosedAtOnceAndOnceOneClosesNewOnesAreServedAgain(KafkaCluster kafka) {
        try (GatewayHarness capped = new GatewayHarness(kafka, Map.of("CALLSTREAM_GATEWAY_MAX_CONNECTIONS", "3"))) {
            List<RawConnection> holders = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawConnection holder = new RawConnection(capped.gateway.port());
                    holders.add(holder);
                    holder.send(callback("hold-" + i));
                    assertThat(holder.receive(Duration.ofMillis(500))).startsWith("HTTP/1.1 200");
                }

                try (RawConnection refused = new RawConnection(capped.gateway.port())) {
                    refused.send(callback("refused"));
                    assertThat(refused.receive(Duration.ofSeconds(2))).as("no answer over the cap").isEmpty();
                    assertThat(refused.closedByServer()).isTrue();
                }
                assertThat(capped.registry.scrape()).contains("reason=\"over_cap\"");

                holders.remove(0).close();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    try (RawConnection again = new RawConnection(capped.gateway.port())) {
                        again.send(callback("again"));
                        return again.receive(Duration.ofMillis(300)).startsWith("HTTP/1.1 200");
                    }
                });
                holders.get(0).send(callback("still-held"));
                assertThat(holders.get(0).receive(Duration.ofMillis(500))).startsWith("HTTP/1.1 200");
            } finally {
                holders.forEach(RawConnection::close);
            }
        }
    }
}
