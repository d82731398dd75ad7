package io.callstream.topology.query.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The statistics' routes (R7, R8) over the real topology: {@link StatsScenario}'s calls, answered at T+6. */
class StatsEndpointsTest {

    private StatsScenario scenario;
    private long t;

    @BeforeEach
    void calls() {
        scenario = new StatsScenario();
        t = scenario.t;
    }

    @AfterEach
    void close() {
        scenario.close();
    }

    @Test
    void liveCountsTheCallsAcceptedAndNotEnded() {
        JsonObject live = ok("/api/v1/concurrency/live");
        assertThat(live.getInteger("single")).isEqualTo(1);
        assertThat(live.getInteger("group")).isEqualTo(1);
        assertThat(live.getInteger("all")).isEqualTo(2);
    }

    @Test
    void rollingIncludesTheCallsInProgress() {
        JsonObject rolling = ok("/api/v1/concurrency/rolling?minutes=15");
        assertThat(rolling.getLong("to")).isEqualTo(t + 6);
        assertThat(rolling.getLong("from")).as("the current minute and the 14 before it").isEqualTo(t - 14 * 60);
        assertThat(rolling.getJsonObject("single")).isEqualTo(peak(2, t - 400)); // A and B
        assertThat(rolling.getJsonObject("group")).isEqualTo(peak(1, t - 350));
        assertThat(rolling.getJsonObject("all")).isEqualTo(peak(3, t - 350)); // A, B and G over [T-350, T-300)
        assertThat(rolling.getInteger("overview")).as("max(single, group), the vendor's overview").isEqualTo(2);
        assertThat(ok("/api/v1/concurrency/rolling?hours=1")).isEqualTo(rolling.copy().put("minutes", 60).put("from", t - 59 * 60));
    }

    @Test
    void windowsOfRecordedCallsAloneOrWithTheCallsInProgress() {
        JsonArray recorded = windows(ok("/api/v1/concurrency?granularity=minute&from=" + (t - 900) + "&inProgress=false"));
        assertThat(recorded).isEqualTo(arrayOf(window(t - 600, 1, t - 600), window(t - 540, 1, t - 540),
                window(t - 480, 1, t - 480), window(t - 420, 1, t - 420), window(t - 360, 1, t - 360)));
        JsonObject withOpen = ok("/api/v1/concurrency?granularity=minute&from=" + (t - 900));
        assertThat(withOpen.getBoolean("includesCallsInProgress")).isTrue();
        assertThat(windows(withOpen)).isEqualTo(arrayOf(window(t - 600, 1, t - 600), window(t - 540, 1, t - 540),
                window(t - 480, 1, t - 480), window(t - 420, 2, t - 400), window(t - 360, 3, t - 350),
                window(t - 300, 2, t - 300), window(t - 240, 2, t - 240), window(t - 180, 2, t - 180),
                window(t - 120, 2, t - 120), window(t - 60, 2, t - 60), window(t, 2, t)));
        JsonObject hour = ok("/api/v1/concurrency?granularity=hour&from=" + (t - 3600));
        assertThat(windows(hour)).isEqualTo(arrayOf(window(t - 3600, t, 3, t - 350), window(t, t + 3600, 2, t)));
    }

    @Test
    void theOverviewScopeIsTheLargerOfSingleAndGroupAndSaysSo() {
        JsonObject overview = ok("/api/v1/concurrency?granularity=hour&from=" + (t - 3600) + "&scope=overview");
        assertThat(overview.getString("scope")).isEqualTo("overview");
        assertThat(windows(overview)).isEqualTo(arrayOf(window(t - 3600, t, 2, t - 400), window(t, t + 3600, 1, t)));
    }

    @Test
    void aDayOfRecordedCalls() {
        String day = "2026-11-23";
        JsonObject daily = ok("/api/v1/stats/daily?from=" + day + "&to=" + day);
        JsonObject expected = new JsonObject().put("day", day).put("calls", 2).put("connectedCalls", 1)
                .put("callsByResult", new JsonObject().put("normal_end", 1).put("reject", 1)).put("participants", 2)
                .put("participantsExact", true).put("maxConcurrent", 1).put("totalTalkSec", 300).put("avgTalkSec", 300.0);
        assertThat(daily.getJsonArray("days")).isEqualTo(new JsonArray().add(expected));
        JsonObject totals = expected.copy();
        totals.remove("day");
        assertThat(daily.getJsonObject("totals")).isEqualTo(totals);
    }

    @Test
    void aRangeReachingBeforeTheRetentionStartsWithIt() {
        JsonObject daily = ok("/api/v1/stats/daily?from=2020-01-01&to=2026-11-23");
        assertThat(daily.getBoolean("fromClamped")).isTrue();
        assertThat(daily.getString("from")).isEqualTo("2025-11-23"); // a year before the driver's clock
        assertThat(daily.getJsonObject("totals").getLong("calls")).isEqualTo(2);
    }

    @Test
    void theOverviewOfTodayAndThisMonth() {
        JsonObject overview = ok("/api/v1/stats/overview");
        JsonObject today = overview.getJsonObject("today");
        assertThat(today.getString("from")).isEqualTo("2026-11-23");
        assertThat(today.getLong("calls")).isEqualTo(2);
        assertThat(today.getLong("participants")).isEqualTo(2);
        JsonObject max = today.getJsonObject("maxConcurrent");
        assertThat(max.getJsonObject("all").getInteger("maxConcurrent")).isEqualTo(3);
        assertThat(max.getInteger("overview")).isEqualTo(2);
        assertThat(overview.getJsonObject("thisMonth").getString("from")).isEqualTo("2026-11-01");
        assertThat(overview.getJsonObject("thisMonth").getLong("calls")).isEqualTo(2);
        assertThat(overview.getJsonObject("live")).isEqualTo(new JsonObject().put("single", 1).put("group", 1).put("all", 2));
    }

    @Test
    void badParametersAreRefusedWithTheirReason() {
        assertThat(error("/api/v1/concurrency?scope=both")).contains("scope must be one of single, group, all, overview");
        assertThat(error("/api/v1/stats/daily?scope=overview")).contains("scope must be one of single, group, all");
        assertThat(error("/api/v1/concurrency?granularity=second")).contains("granularity must be one of minute, hour, day");
        assertThat(error("/api/v1/concurrency?granularity=minute&from=" + (t - 8 * 86_400))).contains("more than 10080 minute windows");
        assertThat(error("/api/v1/concurrency?from=" + t + "&to=" + (t - 1))).contains("is after to");
        assertThat(error("/api/v1/concurrency?inProgress=yes")).contains("inProgress must be true or false");
        assertThat(error("/api/v1/concurrency/rolling?minutes=5&hours=1")).contains("either minutes or hours");
        assertThat(error("/api/v1/concurrency/rolling?minutes=0")).contains("minutes must be from 1 to 10080");
        assertThat(error("/api/v1/stats/daily?from=2026-01-01&to=2027-12-31")).contains("more than 366 days");
        assertThat(error("/api/v1/stats/daily?from=23.11.2026")).contains("from must be a date such as 2026-11-23");
        assertThat(error("/api/v1/concurrency/live?scope=all")).contains("unknown query parameter");
    }

    private String error(String uri) {
        AnalystApiServer.Response response = scenario.get(uri);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo(70001);
        return response.errorMessage();
    }

    private static JsonObject peak(int max, long at) {
        return new JsonObject().put("maxConcurrent", max).put("peakTs", at);
    }

    /** A minute window. */
    private static JsonObject window(long start, int max, long peak) {
        return window(start, start + 60, max, peak);
    }

    private static JsonObject window(long start, long end, int max, long peak) {
        return new JsonObject().put("windowStartTs", start).put("windowEndTs", end).put("maxConcurrent", max).put("peakTs", peak);
    }

    private static JsonArray windows(JsonObject answer) {
        return answer.getJsonArray("windows");
    }

    private static JsonArray arrayOf(JsonObject... windows) {
        JsonArray array = new JsonArray();
        for (JsonObject w : windows) {
            array.add(w);
        }
        return array;
    }

    private JsonObject ok(String uri) {
        AnalystApiServer.Response response = scenario.get(uri);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
