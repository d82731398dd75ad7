package io.callstream.topology.query.stats;

import io.callstream.topology.query.QueryDeadline;
import io.callstream.topology.query.local.StoreLookup;
import io.callstream.topology.stats.StatsZone;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;

/**
 * {@link StatsQueries} over one instance that holds every partition (a {@code TopologyTestDriver}'s stores): the same
 * requests and wire format as across instances, answered in place.
 */
public final class DriverStatsQueries {

    private DriverStatsQueries() {
    }

    public static StatsQueries over(StoreLookup stores, StatsZone zone, Clock clock, Duration maxSpan) {
        return new StreamsStatsQueries(app -> Future.succeededFuture(OpenSpansReader.spans(stores, app)),
                (app, request) -> Future.succeededFuture(StatsRequests.answer(new LocalStats(stores, zone, QueryDeadline.NONE), request)),
                zone, clock, maxSpan);
    }
}
