package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallScope;
import io.callstream.topology.query.stats.DayRange;
import io.callstream.topology.query.stats.Peak;
import io.callstream.topology.query.stats.StatsQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/stats/overview}: the vendor console's "today" and "this month" overviews in the statistics' zone
 * (the retention is at least a month): calls and participants of all calls, the maximum concurrency per scope with the console's figure
 * max(single, group) beside the true combined one, calls still in progress included, and the calls live now.
 */
final class GetStatsOverview implements AnalystEndpoint {

    private final StatsQueries stats;
    private final Clock clock;

    GetStatsOverview(StatsQueries stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/api/v1/stats/overview";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Future<JsonObject> answer(AnalystRequest request) {
        long app = request.sdkAppId();
        long now = clock.instant().getEpochSecond();
        LocalDate today = stats.zone().dayOf(now);
        LocalDate monthStart = today.withDayOfMonth(1);
        Future<DayRange> todayDays = stats.days(app, today, today);
        Future<DayRange> monthDays = stats.days(app, monthStart, today);
        Future<Map<CallScope, Peak>> todayPeaks = stats.peaks(app, stats.zone().dayStart(today), now);
        Future<Map<CallScope, Peak>> monthPeaks = stats.peaks(app, stats.zone().dayStart(monthStart), now);
        Future<Map<CallScope, Integer>> live = stats.live(app);
        return Future.all(todayDays, monthDays, todayPeaks, monthPeaks, live).map(all -> {
            JsonObject liveJson = new JsonObject();
            live.result().forEach((scope, n) -> liveJson.put(scope.name(), n));
            return new JsonObject().put("sdkAppId", app).put("zone", stats.zone().id()).put("at", now)
                    .put("today", period(today, today, todayDays.result(), todayPeaks.result()))
                    .put("thisMonth", period(monthStart, today, monthDays.result(), monthPeaks.result()))
                    .put("live", liveJson);
        });
    }

    private static JsonObject period(LocalDate from, LocalDate to, DayRange days, Map<CallScope, Peak> peaks) {
        JsonObject totals = StatsJson.totals(days.days().get(CallScope.all), days.participants().get(CallScope.all));
        return new JsonObject().put("from", from.toString()).put("to", to.toString())
                .put("calls", totals.getLong("calls")).put("connectedCalls", totals.getLong("connectedCalls"))
                .put("participants", totals.getLong("participants"))
                .put("participantsExact", totals.getBoolean("participantsExact"))
                .put("maxConcurrent", StatsJson.peaks(peaks));
    }
}
