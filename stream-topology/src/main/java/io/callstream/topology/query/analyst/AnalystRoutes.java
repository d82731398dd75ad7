package io.callstream.topology.query.analyst;

import io.callstream.topology.query.RecordQueries;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.http.RequestPipeline;
import io.callstream.topology.query.stats.StatsQueries;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The analyst API (docs/analyst-api.md, docs/openapi.yaml): our own JSON over HTTP, read-only, for an app's admin.
 * <ul>
 *   <li>{@code GET /api/v1/records}: finished records by start time, any range within the retention; with
 *       {@code Accept: text/csv} all of them as CSV ({@link RecordsCsvExport})</li>
 *   <li>{@code GET /api/v1/records/{callId}}: one finished record</li>
 *   <li>{@code GET /api/v1/calls/open}: calls in progress</li>
 *   <li>{@code GET /api/v1/calls/open/{callId}}: one call in progress (or its record once finished)</li>
 *   <li>{@code GET /api/v1/concurrency}, {@code /concurrency/live}, {@code /concurrency/rolling}: concurrency (R7)</li>
 *   <li>{@code GET /api/v1/stats/daily}, {@code /stats/overview}: daily statistics (R8)</li>
 * </ul>
 * {@link #mount} puts them on a router; the routes share one rate limit per app. Without statistics (switched off,
 * {@code stats} null) their routes are not there.
 */
public final class AnalystRoutes {

    private final List<AnalystEndpoint> endpoints;
    private final AnalystAuthenticator authenticator;
    private final AppRateLimiter limiter;
    private final AnalystApiConfig config;
    private final AnalystConventions conventions = new AnalystConventions();
    private final RecordsCsvExport csv;

    public AnalystRoutes(AnalystApiConfig config, RecordQueries queries, StatsQueries stats, AdminAuth auth) {
        this(config, queries, stats, auth, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * @param clock    wall time: the default range and the retention
     * @param nanoTime a monotonic clock, for the rate limit
     */
    public AnalystRoutes(AnalystApiConfig config, RecordQueries queries, StatsQueries stats, AdminAuth auth, Clock clock,
                         LongSupplier nanoTime) {
        this.config = config;
        this.authenticator = new AnalystAuthenticator(auth);
        this.limiter = new AppRateLimiter(config.ratePerSecond(), nanoTime);
        List<AnalystEndpoint> all = new ArrayList<>(List.of(
                new ListRecords(queries, clock, config.retention()),
                new GetRecord(queries),
                new ListOpenCalls(queries),
                new GetOpenCall(queries)));
        if (stats != null) {
            all.addAll(List.of(
                    new GetLiveConcurrency(stats, clock),
                    new ListConcurrency(stats, clock, config.statsRetention()),
                    new GetRollingConcurrency(stats, clock),
                    new ListDailyStats(stats, clock, config.statsRetention()),
                    new GetStatsOverview(stats, clock)));
        }
        this.endpoints = List.copyOf(all);
        this.csv = new RecordsCsvExport(queries, clock, config.retention(), authenticator, limiter, config.timeout());
    }

    /** The endpoints {@link #mount} puts on a router. */
    List<AnalystEndpoint> endpoints() {
        return endpoints;
    }

    public void mount(Router router) {
        csv.mount(router);
        for (AnalystEndpoint endpoint : endpoints) {
            var pipeline = new RequestPipeline<>(conventions, new AnalystRoute(endpoint, authenticator, limiter),
                    config.timeout());
            router.get(endpoint.path()).handler(pipeline::handle);
        }
    }
}
