package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallScope;
import io.callstream.topology.query.stats.StatsQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * {@code GET /api/v1/stats/daily}: each day of a date range (R8, days in the statistics' zone) and the range's totals,
 * whose participants are distinct over the whole range. Days count recorded calls: a call counts once its record is
 * emitted. Days with no call are left out.
 */
final class ListDailyStats implements AnalystEndpoint {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 7;

    private final StatsQueries stats;
    private final Clock clock;
    private final Duration retention;

    ListDailyStats(StatsQueries stats, Clock clock, Duration retention) {
        this.stats = stats;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public String path() {
        return "/api/v1/stats/daily";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("from", "to", "scope");
    }

    @Override
    public Future<JsonObject> answer(AnalystRequest request) {
        QueryParams params = request.params();
        CallScope scope = StatsParams.scope(params, false);
        LocalDate today = stats.zone().dayOf(clock.instant().getEpochSecond());
        LocalDate to = StatsParams.day(params, "to", today);
        LocalDate from = StatsParams.day(params, "from", to.minusDays(DEFAULT_DAYS - 1));
        if (from.isAfter(to)) {
            throw AnalystException.badParameter("from (" + from + ") is after to (" + to + "); give from <= to");
        }
        LocalDate oldest = stats.zone().dayOf(clock.instant().minus(retention).getEpochSecond());
        LocalDate start = from.isBefore(oldest) ? oldest : from;
        if (ChronoUnit.DAYS.between(start, to) + 1 > MAX_DAYS) {
            throw AnalystException.badParameter("the range holds more than " + MAX_DAYS + " days; narrow it");
        }
        return stats.days(request.sdkAppId(), start, to).map(range -> {
            JsonArray days = new JsonArray();
            range.days().get(scope).forEach(d -> days.add(StatsJson.day(d)));
            JsonObject json = new JsonObject().put("sdkAppId", request.sdkAppId()).put("zone", stats.zone().id())
                    .put("scope", scope.name()).put("from", start.toString()).put("to", to.toString());
            if (start.isAfter(from)) {
                json.put("fromClamped", true);
            }
            return json.put("days", days).put("totals", StatsJson.totals(range.days().get(scope), range.participants().get(scope)));
        });
    }
}
