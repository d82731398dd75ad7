package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.query.stats.StatsQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/concurrency}: the maximum concurrency of each minute, hour or day window of a time range (R7), in
 * time order; windows in which no call was in progress are left out. By default the calls still in progress count
 * too, up to now; {@code inProgress=false} gives the published windows alone (what {@code callkit.concurrency} holds).
 */
final class ListConcurrency implements AnalystEndpoint {

    /** The most windows one answer may hold: a week of minutes. */
    static final int MAX_WINDOWS = 10_080;

    private final StatsQueries stats;
    private final Clock clock;
    private final Duration retention;

    ListConcurrency(StatsQueries stats, Clock clock, Duration retention) {
        this.stats = stats;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public String path() {
        return "/api/v1/concurrency";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("from", "to", "granularity", "scope", "inProgress");
    }

    @Override
    public Future<JsonObject> answer(AnalystRequest request) {
        QueryParams params = request.params();
        WindowGranularity granularity = StatsParams.granularity(params);
        CallScope scope = StatsParams.scope(params, true);
        boolean inProgress = StatsParams.bool(params, "inProgress", true);
        long now = clock.instant().getEpochSecond();
        String toText = params.single("to");
        long to = toText == null ? now : TimeParam.parse("to", toText, false);
        String fromText = params.single("from");
        long from = fromText == null ? to - defaultSpan(granularity) + 1 : TimeParam.parse("from", fromText, true);
        if (from > to) {
            throw AnalystException.badParameter("from (" + from + ") is after to (" + to + "); give from <= to");
        }
        long oldest = now - retention.toSeconds();
        boolean clamped = from < oldest;
        long start = stats.zone().windowStart(Math.max(from, oldest), granularity);
        if ((to - start) / seconds(granularity) + 1 > MAX_WINDOWS) {
            throw AnalystException.badParameter("the range holds more than " + MAX_WINDOWS + " " + granularity
                    + " windows; narrow it or take a coarser granularity");
        }
        Future<List<ConcurrencyWindow>> windows = scope != null
                ? stats.windows(request.sdkAppId(), scope, granularity, start, to, inProgress)
                : stats.windows(request.sdkAppId(), CallScope.single, granularity, start, to, inProgress)
                        .compose(single -> stats.windows(request.sdkAppId(), CallScope.group, granularity, start, to, inProgress)
                                .map(group -> overview(single, group)));
        return windows.map(list -> {
            JsonObject json = new JsonObject().put("sdkAppId", request.sdkAppId()).put("zone", stats.zone().id())
                    .put("scope", scope == null ? StatsParams.OVERVIEW : scope.name()).put("granularity", granularity.name())
                    .put("from", start).put("to", to).put("includesCallsInProgress", inProgress);
            if (clamped) {
                json.put("fromClamped", true);
            }
            return json.put("windows", StatsJson.windows(list));
        });
    }

    /** Per window, the larger of the 1v1 and the group figure: the vendor console's overview, not a true combined one. */
    static List<ConcurrencyWindow> overview(List<ConcurrencyWindow> single, List<ConcurrencyWindow> group) {
        Map<Long, ConcurrencyWindow> byStart = new TreeMap<>();
        for (ConcurrencyWindow w : single) {
            byStart.put(w.getWindowStartTs(), w);
        }
        for (ConcurrencyWindow w : group) {
            byStart.merge(w.getWindowStartTs(), w, (s, g) -> g.getMaxConcurrent() > s.getMaxConcurrent()
                    || (g.getMaxConcurrent() == s.getMaxConcurrent() && g.getPeakTs() < s.getPeakTs()) ? g : s);
        }
        return new ArrayList<>(byStart.values());
    }

    private static long defaultSpan(WindowGranularity granularity) {
        return switch (granularity) {
            case minute -> 3600;
            case hour -> 86_400;
            case day -> 30 * 86_400;
        };
    }

    private static long seconds(WindowGranularity granularity) {
        return switch (granularity) {
            case minute -> 60;
            case hour -> 3600;
            case day -> 86_400;
        };
    }
}
