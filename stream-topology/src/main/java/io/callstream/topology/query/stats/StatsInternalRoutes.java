package io.callstream.topology.query.stats;

import io.callstream.topology.query.QueryDeadline;
import io.callstream.topology.query.internal.InternalApi;
import io.callstream.topology.query.internal.InternalLimits;
import io.callstream.topology.query.local.KafkaStreamsLocalStores;
import io.callstream.topology.stats.OpenSpan;
import io.callstream.topology.stats.StatsZone;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What one instance answers to the others about statistics ({@link StreamsStatsQueries}): the spans of an app's calls
 * without a record in some of its fold partitions, and a query on the app's statistics that it holds ({@link InternalApi}:
 * signed requests only, sizes bounded).
 */
public final class StatsInternalRoutes {

    static final String OPEN_SPANS = "/open-spans";
    static final String STATS = "/stats";
    /** Spans travel in the request: a few tens of bytes per call in progress. */
    private static final int BODY_LIMIT = 16 * 1024 * 1024;

    private final KafkaStreams streams;
    private final StatsZone zone;
    private final Duration timeout;

    /** @param timeout how long a part asked by another instance may take: the analyst API's, the longest wait */
    public StatsInternalRoutes(KafkaStreams streams, StatsZone zone, Duration timeout) {
        this.streams = streams;
        this.zone = zone;
        this.timeout = timeout;
    }

    public void mount(InternalApi api) {
        api.get(OPEN_SPANS).handler(ctx -> InternalApi.answer(ctx, () -> {
            long app = Long.parseLong(ctx.request().getParam("sdkAppId"));
            List<Integer> partitions = InternalLimits.partitions(ctx.request().getParam("partitions"));
            List<OpenSpan> spans = OpenSpansReader.spans(streams, app, partitions);
            ctx.json(new JsonObject().put("spans", StatsCodec.encodeSpans(spans)));
        }));
        api.post(STATS, BODY_LIMIT).handler(ctx -> InternalApi.answer(ctx, () -> {
            int partition = Integer.parseInt(ctx.request().getParam("partition"));
            ctx.json(StatsRequests.answer(new LocalStats(new KafkaStreamsLocalStores(streams, partition, false), zone,
                    QueryDeadline.after(timeout)), ctx.body().asJsonObject()));
        }));
    }
}
