package io.callstream.topology.query.stats;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.stats.StatsZone;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the analyst API asks of the statistics (R7, R8), whichever instances hold them: the calls without a record
 * live in every partition of the fold, an app's statistics in one partition of the statistics. Every method fails its
 * future with {@code QueryUnavailableException} when the answer cannot be complete (a rebalance, an instance down).
 */
public interface StatsQueries {

    /** The zone the statistics' hours and days are in. */
    StatsZone zone();

    /** Calls accepted and not yet ended, now (R7's live concurrency), per scope. */
    Future<Map<CallScope, Integer>> live(long sdkAppId);

    /**
     * The windows of one scope and granularity that start in {@code [from, to]}, in time order; those with no call in
     * progress are absent. With {@code inProgress}, calls that have no record yet count too (up to now).
     */
    Future<List<ConcurrencyWindow>> windows(long sdkAppId, CallScope scope, WindowGranularity granularity, long from,
                                            long to, boolean inProgress);

    /** Per scope, the most calls in progress at one second of {@code [from, to]} (to at most now), open calls included. */
    Future<Map<CallScope, Peak>> peaks(long sdkAppId, long from, long to);

    /** The days of {@code [from, to]} and the distinct participants over them. */
    Future<DayRange> days(long sdkAppId, LocalDate from, LocalDate to);
}
