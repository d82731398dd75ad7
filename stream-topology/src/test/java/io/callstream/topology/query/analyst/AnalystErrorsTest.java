package io.callstream.topology.query.analyst;

import static io.callstream.topology.query.analyst.AnalystApiServer.ADMIN;
import static io.callstream.topology.query.analyst.AnalystApiServer.APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.OTHER_APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.query.QueryUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error the analyst API answers with: status, code, a message that says what to fix, and the request id. */
class AnalystErrorsTest {

    private static final long NOW = START.getEpochSecond();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/api/v1/records?limt=10|unknown query parameter 'limt'; this endpoint accepts callId, callType, cursor",
            "/api/v1/records?limit=0|limit must be from 1 to 1000, got '0'",
            "/api/v1/records?limit=1001|limit must be from 1 to 1000, got '1001'",
            "/api/v1/records?limit=ten|limit must be an integer from 1 to 1000, got 'ten'",
            "/api/v1/records?limit=5&limit=6|limit was given 2 times; give it once",
            "/api/v1/records?page=0|page must be from 1 to",
            "/api/v1/records?page=1&cursor=abc|give either cursor or page, not both",
            "/api/v1/records?cursor=abc|cursor 'abc' is not a nextCursor of /api/v1/records",
            "/api/v1/records?callType=video|callType must be one of single, group, got 'video'",
            "/api/v1/records?result=normal_end,offline|result must be among cancel, reject, not_answer, normal_end, call_busy, interrupt, failed, unknown (repeat it or separate values with commas), got 'offline'",
            "/api/v1/records?result=NormalEnd|got 'NormalEnd'",
            "/api/v1/records?mediaType=Audio|mediaType must be one of audio, video, got 'Audio'",
            "/api/v1/records?order=newest|order must be one of asc, desc, got 'newest'",
            "/api/v1/records?from=yesterday|from must be Unix seconds (e.g. 1704695566) or an ISO-8601 instant with a zone",
            "/api/v1/records?to=2026-02-01T00:00:00|to must be Unix seconds",
            "/api/v1/records?from=1772323200000|from '1772323200000' is too large for Unix seconds (milliseconds? divide by 1000)",
            "/api/v1/records?from=1772323200&to=1772236800|from (1772323200) is after to (1772236800); give from <= to",
            "/api/v1/records?from=1772323300|from (1772323300) is after to (1772323200, which defaults to now)",
            "/api/v1/records?from=1&from=2|from was given 2 times; give it once",
            "/api/v1/calls/open?limit=0|limit must be from 1 to 1000",
            "/api/v1/calls/open?from=1|unknown query parameter 'from'; this endpoint accepts cursor, limit, page",
            "/api/v1/calls/open?cursor=%25%25|cursor '%%' is not a nextCursor of /api/v1/calls/open",
            "/api/v1/records/x?order=asc|unknown query parameter 'order'",
    })
    void aBadParameterSaysWhichAndHowToFixIt(String uri, String message) {
        try (AnalystApiServer api = AnalystApiServer.start()) {
            AnalystApiServer.Response response = api.get(uri);
            expect(response, 400, 70001, null);
            assertThat(response.errorMessage()).contains(message);
        }
    }

    @Test
    void rateLimitedPerAppAndRefilledOverTime() {
        try (AnalystApiServer api = new AnalystApiServer(new AnalystApiConfig(3, Duration.ofDays(90),
                Duration.ofSeconds(5), AnalystApiConfig.DEFAULT_STATS_RETENTION))) {
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/api/v1/records").status()).isEqualTo(200);
            }
            AnalystApiServer.Response limited = api.get("/api/v1/calls/open"); // one budget for every route
            expect(limited, 429, 70005, "1");
            assertThat(limited.errorMessage()).contains("more than 3 requests a second for app " + APP);
            // Another app has its own budget.
            assertThat(api.send("/api/v1/records", Map.of("Authorization", "Bearer " + api.sig(OTHER_APP, ADMIN)))
                    .status()).isEqualTo(200);
            api.nanoTime.addAndGet(Duration.ofMillis(334).toNanos()); // one token at 3/s
            assertThat(api.get("/api/v1/records").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/records").status()).isEqualTo(429);
        }
    }

    @Test
    void unauthenticatedRequestsDoNotSpendTheBudget() {
        try (AnalystApiServer api = new AnalystApiServer(new AnalystApiConfig(1, Duration.ofDays(90),
                Duration.ofSeconds(5), AnalystApiConfig.DEFAULT_STATS_RETENTION))) {
            for (int i = 0; i < 5; i++) {
                assertThat(api.send("/api/v1/records", Map.of()).status()).isEqualTo(400);
            }
            assertThat(api.get("/api/v1/records").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "thrown synchronously: {0}")
    @ValueSource(booleans = {false, true})
    void unavailableRecordsAreRetryable(boolean thrown) {
        try (AnalystApiServer api = AnalystApiServer.start()) {
            api.queries.failWith(() -> new QueryUnavailableException("partition 3 is restoring"), thrown);
            for (String uri : new String[] {"/api/v1/records", "/api/v1/records/x", "/api/v1/calls/open",
                    "/api/v1/calls/open/x"}) {
                AnalystApiServer.Response response = api.get(uri);
                expect(response, 503, 101001, "1");
                assertThat(response.errorMessage()).contains("partition 3 is restoring", "retry after 1 s");
            }
        }
    }

    @Test
    void recordsThatDoNotArriveInTimeAreUnavailable() {
        try (AnalystApiServer api = new AnalystApiServer(new AnalystApiConfig(100, Duration.ofDays(90),
                Duration.ofMillis(200), AnalystApiConfig.DEFAULT_STATS_RETENTION))) {
            api.queries.hang();
            AnalystApiServer.Response response = api.get("/api/v1/records?from=" + (NOW - 3600));
            expect(response, 503, 101001, "1");
            assertThat(response.errorMessage()).contains("did not arrive within 200 ms");
        }
    }

    @Test
    void aTimeoutOfTheAnswerItselfIsNotTheDeadline() {
        try (AnalystApiServer api = AnalystApiServer.start()) {
            api.queries.failLaterWith(() -> new TimeoutException("a timeout inside the store"));
            AnalystApiServer.Response response = api.get("/api/v1/records");
            expect(response, 500, 101001, null);
            assertThat(response.errorMessage()).doesNotContain("did not arrive");
        }
    }

    @Test
    void aFaultOfOursIsAnInternalErrorWithoutRetryAfter() {
        try (AnalystApiServer api = AnalystApiServer.start()) {
            api.queries.failWith(() -> new IllegalStateException("bug"), false);
            AnalystApiServer.Response response = api.get("/api/v1/records");
            expect(response, 500, 101001, null);
            assertThat(response.errorMessage()).doesNotContain("bug").contains(response.header("X-Request-Id"));
        }
    }

    @Test
    void notFound() {
        try (AnalystApiServer api = AnalystApiServer.start()) {
            expect(api.get("/api/v1/records/missing"), 404, 70011, null);
            expect(api.get("/api/v1/calls/open/missing"), 404, 70011, null);
        }
    }

    @Test
    void everySuccessCarriesARequestIdToo() {
        try (AnalystApiServer api = AnalystApiServer.start()) {
            assertThat(api.get("/api/v1/records").header("X-Request-Id")).matches("[0-9a-f]{32}");
        }
    }

    private static void expect(AnalystApiServer.Response response, int status, int code, String retryAfter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(response.json().fieldNames()).containsExactlyInAnyOrder("errorCode", "errorMessage", "requestId");
        assertThat(response.errorCode()).isEqualTo(code);
        assertThat(response.json().getString("requestId")).matches("[0-9a-f]{32}")
                .isEqualTo(response.header("X-Request-Id"));
        assertThat(response.header("Retry-After")).isEqualTo(retryAfter);
    }
}
