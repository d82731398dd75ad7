package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallScope;
import io.callstream.topology.query.stats.StatsQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Set;

/** {@code GET /api/v1/concurrency/live}: calls accepted and not yet ended, now (R7), per scope. */
final class GetLiveConcurrency implements AnalystEndpoint {

    private final StatsQueries stats;
    private final Clock clock;

    GetLiveConcurrency(StatsQueries stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/api/v1/concurrency/live";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Future<JsonObject> answer(AnalystRequest request) {
        long now = clock.instant().getEpochSecond();
        return stats.live(request.sdkAppId()).map(live -> {
            JsonObject json = new JsonObject().put("sdkAppId", request.sdkAppId()).put("at", now);
            for (CallScope scope : CallScope.values()) {
                json.put(scope.name(), live.get(scope));
            }
            return json;
        });
    }
}
