package io.callstream.topology.query.stats;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.query.QueryDeadline;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.cluster.QueryCluster;
import io.callstream.topology.query.local.KafkaStreamsLocalStores;
import io.callstream.topology.stats.OpenSpan;
import io.callstream.topology.stats.StatsZone;
import io.callstream.topology.stats.processor.StatsStores;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * {@link StatsQueries} in two steps: the spans of the app's calls without a record, from every partition of the fold;
 * then the query itself, spans attached, at the holder of the app's statistics ({@link StatsRequests}).
 * {@link #across} takes both from the application's instances; a test gives one instance's stores.
 */
public final class StreamsStatsQueries implements StatsQueries {

    /** The spans of an app's calls without a record, from wherever the fold keeps them. */
    @FunctionalInterface
    public interface OpenCalls {
        Future<List<OpenSpan>> spans(long sdkAppId);
    }

    /** A request answered where the app's statistics are. */
    @FunctionalInterface
    public interface Holder {
        Future<JsonObject> answer(long sdkAppId, JsonObject request);
    }

    private final OpenCalls openCalls;
    private final Holder holder;
    private final StatsZone zone;
    private final Clock clock;
    private final Duration maxSpan;

    /** @param maxSpan the longest a call counts as in progress (the statistics' own bound) */
    public StreamsStatsQueries(OpenCalls openCalls, Holder holder, StatsZone zone, Clock clock, Duration maxSpan) {
        this.openCalls = openCalls;
        this.holder = holder;
        this.zone = zone;
        this.clock = clock;
        this.maxSpan = maxSpan;
    }

    /**
     * Across every instance: the spans fanned out over the fold's partitions (one assignment snapshot, as the record
     * queries fan out), the query asked of the instance whose active task holds the app's statistics (keyed by app). A
     * standby is not asked: it may be behind on what it restores, and statistics cannot tell a lagging figure from a
     * true one, so while the holder moves the answer is "retry".
     *
     * @param foldTopic the topic whose partitions the fold's stores follow (the events topic)
     */
    public static StreamsStatsQueries across(QueryCluster cluster, String foldTopic, StatsZone zone, Clock clock,
                                             Duration maxSpan) {
        OpenCalls spans = app -> cluster.fanOut(foldTopic, (host, partitions) -> cluster.isSelf(host)
                        ? cluster.blocking(() -> OpenSpansReader.spans(cluster.streams(), app, partitions))
                        : cluster.remote(host, HttpMethod.GET, StatsInternalRoutes.OPEN_SPANS + "?sdkAppId=" + app
                                + "&partitions=" + partitions.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""), null)
                                .map(json -> StatsCodec.decodeSpans(json.getJsonArray("spans"))))
                .map(byHost -> {
                    List<OpenSpan> all = new ArrayList<>();
                    byHost.values().forEach(all::addAll);
                    return all;
                });
        Holder holder = (app, request) -> {
            KeyQueryMetadata owner;
            try {
                owner = cluster.owner(StatsStores.WINDOWS, Long.toString(app));
            } catch (QueryUnavailableException e) {
                return Future.failedFuture(e);
            }
            int partition = owner.partition();
            Future<JsonObject> answer = cluster.isSelf(owner.activeHost())
                    ? cluster.blocking(() -> StatsRequests.answer(new LocalStats(
                            new KafkaStreamsLocalStores(cluster.streams(), partition, false), zone,
                            QueryDeadline.after(cluster.timeout())), request))
                    : cluster.remote(owner.activeHost(), HttpMethod.POST, StatsInternalRoutes.STATS + "?partition=" + partition, request);
            return answer.recover(e -> Future.failedFuture(QueryCluster.unavailable(e)));
        };
        return new StreamsStatsQueries(spans, holder, zone, clock, maxSpan);
    }

    @Override
    public StatsZone zone() {
        return zone;
    }

    @Override
    public Future<Map<CallScope, Integer>> live(long sdkAppId) {
        long now = clock.instant().getEpochSecond();
        return openCalls.spans(sdkAppId).map(spans -> StatsRequests.live(spans, now, now - maxSpan.toSeconds()));
    }

    @Override
    public Future<List<ConcurrencyWindow>> windows(long sdkAppId, CallScope scope, WindowGranularity granularity, long from,
                                                   long to, boolean inProgress) {
        JsonObject request = StatsRequests.windows(sdkAppId, scope, granularity, from, to);
        return (inProgress ? withOpen(sdkAppId, request) : Future.succeededFuture(request))
                .compose(r -> holder.answer(sdkAppId, r))
                .map(answer -> StatsCodec.decodeWindows(answer.getJsonArray("windows")));
    }

    @Override
    public Future<Map<CallScope, Peak>> peaks(long sdkAppId, long from, long to) {
        return withOpen(sdkAppId, StatsRequests.peaks(sdkAppId, from, to))
                .compose(r -> holder.answer(sdkAppId, r)).map(StatsCodec::decodePeaks);
    }

    @Override
    public Future<DayRange> days(long sdkAppId, LocalDate from, LocalDate to) {
        return holder.answer(sdkAppId, StatsRequests.days(sdkAppId, from, to)).map(StatsCodec::decodeDays);
    }

    private Future<JsonObject> withOpen(long sdkAppId, JsonObject request) {
        long now = clock.instant().getEpochSecond();
        return openCalls.spans(sdkAppId).map(spans -> StatsRequests.withOpen(request, StatsCodec.encodeSpans(spans), now,
                now - maxSpan.toSeconds()));
    }
}
