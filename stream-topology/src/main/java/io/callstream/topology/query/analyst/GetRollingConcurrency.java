package io.callstream.topology.query.analyst;

import io.callstream.topology.query.stats.StatsQueries;
import io.callstream.topology.stats.StatsZone;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Set;

/**
 * {@code GET /api/v1/concurrency/rolling}: the maximum concurrency over the last N minute windows (R7: the current
 * minute and the N-1 before it), calls still in progress included, per scope.
 */
final class GetRollingConcurrency implements AnalystEndpoint {

    /** A week of minutes. */
    static final int MAX_MINUTES = 10_080;

    private final StatsQueries stats;
    private final Clock clock;

    GetRollingConcurrency(StatsQueries stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/api/v1/concurrency/rolling";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("minutes", "hours");
    }

    @Override
    public Future<JsonObject> answer(AnalystRequest request) {
        QueryParams params = request.params();
        if (params.single("minutes") != null && params.single("hours") != null) {
            throw AnalystException.badParameter("give either minutes or hours, not both");
        }
        int minutes = params.single("hours") != null ? params.integer("hours", 1, 1, MAX_MINUTES / 60) * 60
                : params.integer("minutes", 60, 1, MAX_MINUTES);
        long now = clock.instant().getEpochSecond();
        long from = StatsZone.minuteStart(now) - (minutes - 1) * 60L;
        return stats.peaks(request.sdkAppId(), from, now).map(peaks -> new JsonObject()
                .put("sdkAppId", request.sdkAppId()).put("minutes", minutes).put("from", from).put("to", now)
                .put("includesCallsInProgress", true).mergeIn(StatsJson.peaks(peaks)));
    }
}
