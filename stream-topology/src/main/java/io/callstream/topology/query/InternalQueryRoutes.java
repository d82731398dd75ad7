package io.callstream.topology.query;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * What one instance answers to the others: its own part of a query, from its local stores ({@code /internal/v1/...}).
 * Not for clients: keep the path off any ingress (docs/query-api.md). 503 when the local stores are not queryable, so
 * that the asking instance fails the whole query rather than return part of it.
 */
public final class InternalQueryRoutes {

    public static final String PREFIX = "/internal/v1";

    private final LocalPartitions all;
    private final IntFunction<LocalRecordQueries> localForPartition;
    private final IntFunction<LocalRecordQueries> staleForPartition;

    /**
     * @param all               the partitions of this instance that the asking one names
     * @param localForPartition the active stores of one partition
     * @param staleForPartition the stores of one partition including standby replicas (a by-key query's fallback)
     */
    public InternalQueryRoutes(LocalPartitions all, IntFunction<LocalRecordQueries> localForPartition,
                               IntFunction<LocalRecordQueries> staleForPartition) {
        this.all = all;
        this.localForPartition = localForPartition;
        this.staleForPartition = staleForPartition;
    }

    public void mount(Router router) {
        router.get(PREFIX + "/record").handler(ctx -> single(ctx, false));
        router.get(PREFIX + "/open-call").handler(ctx -> single(ctx, true));
        router.post(PREFIX + "/records").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(this::records);
        router.post(PREFIX + "/records-at").handler(BodyHandler.create().setBodyLimit(1024 * 1024)).handler(this::recordsAt);
        router.get(PREFIX + "/open-calls").handler(this::openCalls);
    }

    private void single(RoutingContext ctx, boolean open) {
        answer(ctx, () -> {
            long app = Long.parseLong(ctx.request().getParam("sdkAppId"));
            String callId = ctx.request().getParam("callId");
            int partition = Integer.parseInt(ctx.request().getParam("partition")); // the key's, from queryMetadataForKey
            LocalRecordQueries local = Boolean.parseBoolean(ctx.request().getParam("stale", "false"))
                    ? staleForPartition.apply(partition) : localForPartition.apply(partition);
            Optional<io.callstream.schemas.CallRecord> r = open ? local.openCall(app, callId) : local.record(app, callId);
            if (r.isEmpty()) {
                ctx.response().setStatusCode(404).end();
            } else {
                ctx.response().putHeader("content-type", "application/octet-stream").end(Buffer.buffer(SliceCodec.encode(r.get())));
            }
        });
    }

    private void records(RoutingContext ctx) {
        answer(ctx, () -> {
            var body = ctx.body().asJsonObject();
            LocalRecordQueries.IndexSlice slice = all.entries(SliceCodec.decodeFilter(body), SliceCodec.decodeAfter(body),
                    body.getInteger("take"), SliceCodec.decodePartitions(body.getString("partitions")));
            ctx.json(SliceCodec.encode(slice));
        });
    }

    /** The records at the positions a merged query picked for its page. */
    private void recordsAt(RoutingContext ctx) {
        answer(ctx, () -> {
            var body = ctx.body().asJsonObject();
            ctx.json(SliceCodec.encodeRecords(all.recordsOf(body.getLong("sdkAppId"), SliceCodec.decodeEntries(body.getJsonArray("entries")))));
        });
    }

    private void openCalls(RoutingContext ctx) {
        answer(ctx, () -> {
            String after = ctx.request().getParam("after");
            ctx.json(SliceCodec.encode(all.openCalls(Long.parseLong(ctx.request().getParam("sdkAppId")),
                    after == null ? null : Cursor.decode(after), Integer.parseInt(ctx.request().getParam("take")),
                    SliceCodec.decodePartitions(ctx.request().getParam("partitions")))));
        });
    }

    /**
     * Runs the local query off the event loop (RocksDB reads block); 503 when the stores are not queryable here right
     * now, so that the asking instance fails the whole query, 400 for anything else.
     */
    public static void answer(RoutingContext ctx, Runnable query) {
        ctx.vertx().executeBlocking(() -> {
            query.run();
            return null;
        }, false).onFailure(e -> {
            if (ctx.response().ended()) {
                return;
            }
            boolean unavailable = e instanceof InvalidStateStoreException;
            ctx.response().setStatusCode(unavailable ? 503 : 400).end(String.valueOf(e.getMessage()));
        });
    }
}
