package io.callstream.topology.query.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.testkit.FuzzRun;
import io.callstream.topology.query.FuzzValues;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random parameters on every analyst endpoint, over the real topology's statistics ({@link StatsScenario}): each
 * request gets a documented answer, a 200 or the documented error code of its status, as JSON, never a 500 or a
 * stack trace; a request line longer than the server reads gets HTTP's 414.
 */
class AnalystApiFuzzTest {

    /** Three seeds of 400 requests in the suite; more with {@link FuzzRun}'s properties. */
    private static final FuzzRun RUN = FuzzRun.fromSystemProperties(List.of(1L, 2L, 3L), 400);
    /** The endpoints with the parameters each accepts (AnalystRoutes). */
    private static final Map<String, List<String>> ENDPOINTS = Map.of(
            "/api/v1/records", List.of("from", "to", "callType", "result", "mediaType", "userId", "callId", "order",
                    "limit", "cursor", "page"),
            "/api/v1/records/{id}", List.of("limit"),
            "/api/v1/calls/open", List.of("limit", "cursor", "page"),
            "/api/v1/calls/open/{id}", List.of("page"),
            "/api/v1/concurrency/live", List.of("scope"),
            "/api/v1/concurrency", List.of("from", "to", "granularity", "scope", "inProgress"),
            "/api/v1/concurrency/rolling", List.of("minutes", "hours"),
            "/api/v1/stats/daily", List.of("from", "to", "scope"),
            "/api/v1/stats/overview", List.of("at"));
    private static final Map<Integer, List<Integer>> CODES = Map.of(400, List.of(70001), 401, List.of(70002, 70003),
            403, List.of(70004), 404, List.of(70011));

    private StatsScenario scenario;

    @BeforeEach
    void calls() {
        scenario = new StatsScenario();
    }

    @AfterEach
    void close() {
        scenario.close();
    }

    static List<Long> seeds() {
        return RUN.seeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRequestGetsADocumentedAnswer(long seed) {
        FuzzValues fuzz = new FuzzValues(seed);
        List<String> paths = new ArrayList<>(ENDPOINTS.keySet());
        paths.sort(null);
        for (int i = 0; i < RUN.requests(); i++) {
            String endpoint = fuzz.oneOf(paths);
            StringBuilder uri = new StringBuilder(endpoint.replace("{id}", AnalystApiServer.encode(
                    fuzz.chance(0.5) ? fuzz.value() : "A")));
            int parameters = fuzz.nextInt(5);
            for (int p = 0; p < parameters; p++) {
                uri.append(p == 0 ? '?' : '&').append(AnalystApiServer.encode(fuzz.name(ENDPOINTS.get(endpoint))))
                        .append('=').append(AnalystApiServer.encode(fuzz.value()));
            }

            boolean tooLong = scenario.requestLine(uri.toString()).length() > FuzzValues.REQUEST_LINE_BYTES;

            AnalystApiServer.Response response = tooLong ? scenario.getOnNewConnection(uri.toString())
                    : scenario.get(uri.toString());

            String what = "seed " + seed + ", request " + i + ": GET " + FuzzValues.abbreviated(uri.toString()) + " → "
                    + FuzzValues.abbreviated(response.toString());
            if (tooLong) {
                assertThat(response.status()).as(what).isEqualTo(414); // HTTP's own answer: the server reads no further
                continue;
            }
            assertThat(response.status()).as(what).isIn(200, 400, 401, 403, 404);
            JsonObject body = response.json();
            assertThat(response.http().bodyAsString()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            if (response.status() != 200) {
                assertThat(body.getInteger("errorCode")).as(what).isIn(CODES.get(response.status()));
                assertThat(body.getString("errorMessage")).as(what).isNotBlank();
            }
        }
    }
}
