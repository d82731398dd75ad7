package io.callstream.topology.query.cluster;

import io.callstream.topology.query.Cursor;
import io.callstream.topology.query.internal.InternalApi;
import io.callstream.topology.query.internal.InternalLimits;
import io.callstream.topology.query.local.LocalPartitions;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What one instance answers to the others: its own part of a query, from its local stores ({@code /internal/v1/...}
 * on the instances' own listener, every request signed: {@link InternalApi}). 503 when the local stores are not
 * queryable, so that the asking instance fails the whole query rather than return part of it; 400 for a request out
 * of {@link InternalLimits}.
 */
public final class InternalQueryRoutes {

    /** A filter and a cursor: well under a kilobyte. */
    private static final int FILTER_BODY_LIMIT = 64 * 1024;
    /** {@link InternalLimits#MAX_ENTRIES} positions, a time and a call id each: up to a kilobyte per position. */
    private static final int ENTRIES_BODY_LIMIT = 1024 * 1024;

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

    public void mount(InternalApi api) {
        api.get("/record").handler(ctx -> single(ctx, false));
        api.get("/open-call").handler(ctx -> single(ctx, true));
        api.post("/records", FILTER_BODY_LIMIT).handler(this::records);
        api.post("/records-at", ENTRIES_BODY_LIMIT).handler(this::recordsAt);
        api.get("/open-calls").handler(this::openCalls);
    }

    private void single(RoutingContext ctx, boolean open) {
        InternalApi.answer(ctx, () -> {
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
        InternalApi.answer(ctx, () -> {
            var body = ctx.body().asJsonObject();
            LocalRecordQueries.IndexSlice slice = all.entries(SliceCodec.decodeFilter(body), SliceCodec.decodeAfter(body),
                    InternalLimits.take(body.getInteger("take")), InternalLimits.partitions(body.getString("partitions")));
            ctx.json(SliceCodec.encode(slice));
        });
    }

    /** The records at the positions a merged query picked for its page. */
    private void recordsAt(RoutingContext ctx) {
        InternalApi.answer(ctx, () -> {
            var body = ctx.body().asJsonObject();
            var entries = body.getJsonArray("entries");
            InternalLimits.entries(entries.size());
            ctx.json(SliceCodec.encodeRecords(all.recordsOf(body.getLong("sdkAppId"), SliceCodec.decodeEntries(entries))));
        });
    }

    private void openCalls(RoutingContext ctx) {
        InternalApi.answer(ctx, () -> {
            String after = ctx.request().getParam("after");
            ctx.json(SliceCodec.encode(all.openCalls(Long.parseLong(ctx.request().getParam("sdkAppId")),
                    after == null ? null : Cursor.decode(after), InternalLimits.take(Integer.parseInt(ctx.request().getParam("take"))),
                    InternalLimits.partitions(ctx.request().getParam("partitions")))));
        });
    }
}
