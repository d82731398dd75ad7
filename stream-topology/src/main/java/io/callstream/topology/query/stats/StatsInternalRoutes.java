package io.callstream.topology.query.stats;

import io.callstream.topology.query.InternalQueryRoutes;
import io.callstream.topology.query.KafkaStreamsLocalStores;
import io.callstream.topology.stats.OpenSpan;
import io.callstream.topology.stats.StatsZone;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What one instance answers to the others about statistics ({@link StreamsStatsQueries}): the spans of an app's calls
 * without a record in some of its fold partitions, and a query on the app's statistics that it holds.
 */
public final class StatsInternalRoutes {

    static final String OPEN_SPANS = "/open-spans";
    static final String STATS = "/stats";
    /** Spans travel in the request: a few tens of bytes per call in progress. */
    private static final int BODY_LIMIT = 16 * 1024 * 1024;

    private final KafkaStreams streams;
    private final StatsZone zone;

    public StatsInternalRoutes(KafkaStreams streams, StatsZone zone) {
        this.streams = streams;
        this.zone = zone;
    }

    public void mount(Router router) {
        router.get(InternalQueryRoutes.PREFIX + OPEN_SPANS).handler(ctx -> InternalQueryRoutes.answer(ctx, () -> {
            long app = Long.parseLong(ctx.request().getParam("sdkAppId"));
            List<Integer> partitions = Arrays.stream(ctx.request().getParam("partitions").split(",")).map(Integer::valueOf).toList();
            List<OpenSpan> spans = OpenSpansReader.spans(streams, app, partitions);
            ctx.json(new JsonObject().put("spans", StatsCodec.encodeSpans(spans)));
        }));
        router.post(InternalQueryRoutes.PREFIX + STATS).handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
                .handler(ctx -> InternalQueryRoutes.answer(ctx, () -> {
                    int partition = Integer.parseInt(ctx.request().getParam("partition"));
                    ctx.json(StatsRequests.answer(new LocalStats(new KafkaStreamsLocalStores(streams, partition, false), zone),
                            ctx.body().asJsonObject()));
                }));
    }
}
