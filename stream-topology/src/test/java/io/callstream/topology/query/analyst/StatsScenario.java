package io.callstream.topology.query.analyst;

import static io.callstream.topology.record.Facts.group;
import static io.callstream.topology.record.Facts.of;

import io.callstream.testkit.ManualClock;
import io.callstream.topology.FoldDriverAccess;
import io.callstream.topology.StatsConfig;
import io.callstream.topology.TopologyConfig;
import io.callstream.topology.query.stats.DriverStatsQueries;
import io.callstream.topology.stats.StatsZone;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The statistics' routes (R7, R8) over the real topology (UTC), with recorded calls, calls in progress and a call never
 * accepted, read through the same requests and wire format as across instances. At {@link #t} (the driver's clock when
 * the calls arrive, 2026-11-23T08:00:00Z): A (1v1, alice and bob) was in progress over [T-600, T-300) and has its
 * record; B (1v1, carol and dave) since T-400 and G (group, erin and frank) since T-350 are in progress; U (1v1, gina
 * and hank) was rejected, never accepted, and has its record. Requests are answered at {@link #now()}, T+6, once A and
 * U are recorded and the statistics have published them. {@link AnalystApiServer#OTHER_APP} has no call. Shared by
 * the endpoints' tests and the OpenAPI spec's.
 */
final class StatsScenario implements AutoCloseable {

    private final FoldDriverAccess fold;
    private final AnalystApiServer api;
    private final ManualClock statsClock = new ManualClock(Instant.EPOCH);
    /** The driver's clock when the calls arrive. */
    final long t;

    StatsScenario() {
        this(AnalystApiConfig.DEFAULT_STATS_RETENTION);
    }

    /** @param statsRetention how far back the API reaches into the statistics */
    StatsScenario(Duration statsRetention) {
        fold = new FoldDriverAccess(TopologyConfig.defaults().withStats(StatsConfig.defaults().withZone(StatsZone.UTC)));
        t = fold.now().getEpochSecond();
        fold.send("A", List.of(of("caller_start_call", "alice", t - 610), of("callee_accept_call", "bob", t - 600),
                of("caller_call_accepted", "alice", t - 600), of("caller_call_end", "alice", t - 300),
                of("callee_call_end", "bob", t - 300)));
        fold.send("B", List.of(of("caller_start_call", "carol", t - 405), of("callee_accept_call", "dave", t - 400),
                of("caller_call_accepted", "carol", t - 400)));
        fold.send("G", List.of(group("caller_start_call", "erin", t - 355), group("caller_call_accepted", "erin", t - 350),
                group("callee_accept_call", "frank", t - 350)));
        fold.send("U", List.of(of("caller_start_call", "gina", t - 200), of("callee_reject_call", "hank", t - 190),
                of("caller_call_rejected", "gina", t - 190)));
        fold.advance(Duration.ofSeconds(4)); // A and U settle and get their records
        fold.advance(Duration.ofSeconds(2)); // and the statistics publish them
        api = new AnalystApiServer(new AnalystApiConfig(1_000_000, AnalystApiConfig.DEFAULT_RETENTION,
                AnalystApiConfig.DEFAULT_TIMEOUT, statsRetention),
                DriverStatsQueries.over(fold.stores(), StatsZone.UTC, statsClock, Duration.ofDays(7)));
    }

    /** When requests are answered: T+6. */
    long now() {
        return fold.now().getEpochSecond();
    }

    /** GET as the app's admin, the API's and the statistics' clocks at {@link #now()}. */
    AnalystApiServer.Response get(String uri) {
        api.clock.set(fold.now());
        statsClock.set(fold.now());
        return api.get(uri);
    }

    /** {@link #get} on a connection of its own ({@link AnalystApiServer#getOnNewConnection}). */
    AnalystApiServer.Response getOnNewConnection(String uri) {
        api.clock.set(fold.now());
        statsClock.set(fold.now());
        return api.getOnNewConnection(uri);
    }

    /** The request line of {@link #get}. */
    String requestLine(String uri) {
        return "GET " + api.withCredentials(uri) + " HTTP/1.1";
    }

    /** GET as the admin of {@link AnalystApiServer#OTHER_APP}, an app without calls, at {@link #now()}. */
    AnalystApiServer.Response getForAppWithoutCalls(String uri) {
        api.clock.set(fold.now());
        statsClock.set(fold.now());
        String credentials = "sdkappid=" + AnalystApiServer.OTHER_APP + "&identifier=" + AnalystApiServer.ADMIN
                + "&usersig=" + AnalystApiServer.encode(api.sig(AnalystApiServer.OTHER_APP, AnalystApiServer.ADMIN));
        return api.send(uri + (uri.contains("?") ? "&" : "?") + credentials, Map.of());
    }

    @Override
    public void close() {
        api.close();
        fold.close();
    }
}
