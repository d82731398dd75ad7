package io.callstream.topology.query.stats;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.query.StoreLookup;
import io.callstream.topology.stats.OpenSpan;
import io.callstream.topology.stats.StatsZone;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@link StatsQueries} over one instance that holds every partition (a {@code TopologyTestDriver}'s stores): the same
 * requests and wire format as {@link StreamsStatsQueries}, answered in place.
 */
public final class DriverStatsQueries implements StatsQueries {

    private final StoreLookup stores;
    private final StatsZone zone;
    private final Clock clock;
    private final Duration maxSpan;

    public DriverStatsQueries(StoreLookup stores, StatsZone zone, Clock clock, Duration maxSpan) {
        this.stores = stores;
        this.zone = zone;
        this.clock = clock;
        this.maxSpan = maxSpan;
    }

    @Override
    public StatsZone zone() {
        return zone;
    }

    @Override
    public Future<Map<CallScope, Integer>> live(long sdkAppId) {
        long now = clock.instant().getEpochSecond();
        return Future.succeededFuture(StatsRequests.live(OpenSpansReader.spans(stores, sdkAppId), now, now - maxSpan.toSeconds()));
    }

    @Override
    public Future<List<ConcurrencyWindow>> windows(long sdkAppId, CallScope scope, WindowGranularity granularity, long from,
                                                   long to, boolean inProgress) {
        JsonObject request = StatsRequests.windows(sdkAppId, scope, granularity, from, to);
        return Future.succeededFuture(StatsCodec.decodeWindows(answer(sdkAppId, request, inProgress).getJsonArray("windows")));
    }

    @Override
    public Future<Map<CallScope, Peak>> peaks(long sdkAppId, long from, long to) {
        return Future.succeededFuture(StatsCodec.decodePeaks(answer(sdkAppId, StatsRequests.peaks(sdkAppId, from, to), true)));
    }

    @Override
    public Future<DayRange> days(long sdkAppId, LocalDate from, LocalDate to) {
        return Future.succeededFuture(StatsCodec.decodeDays(answer(sdkAppId, StatsRequests.days(sdkAppId, from, to), false)));
    }

    private JsonObject answer(long sdkAppId, JsonObject request, boolean withOpen) {
        long now = clock.instant().getEpochSecond();
        List<OpenSpan> spans = OpenSpansReader.spans(stores, sdkAppId);
        JsonObject r = withOpen ? StatsRequests.withOpen(request, StatsCodec.encodeSpans(spans), now, now - maxSpan.toSeconds())
                : request;
        return StatsRequests.answer(new LocalStats(stores, zone), r);
    }
}
