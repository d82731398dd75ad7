package io.callstream.topology.query.cluster;

import io.callstream.schemas.CallKey;
import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.Cursor;
import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.PageTooDeepException;
import io.callstream.topology.query.QueryDeadline;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.query.RecordPage;
import io.callstream.topology.query.RecordQueries;
import io.callstream.topology.query.index.RecordIndex;
import io.callstream.topology.query.local.KafkaStreamsLocalStores;
import io.callstream.topology.query.local.LocalPartitions;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.callstream.topology.record.CallRecordProcessor;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link RecordQueries} over Kafka Streams' interactive queries, across every instance of the application.
 *
 * <ul>
 *   <li>By call id: asked of the instance that owns the key ({@code queryMetadataForKey}) — this one's stores, or the
 *       owner over HTTP; if the owner cannot answer, a standby replica of the key's partition.</li>
 *   <li>By filter: every instance answers for its own partitions ({@link InternalQueryRoutes}); the slices are merged
 *       in order and paged here. Each instance is asked for {@code offset + limit + 1} records (or {@code limit + 1}
 *       after a cursor), so a page is exact however the records are spread. A page that ends deeper than
 *       {@link PageRequest#MAX_DEPTH} asks for the counts alone: past the last match it is answered empty, with the
 *       total; otherwise it fails with {@link PageTooDeepException}.</li>
 * </ul>
 * A query fails with {@link QueryUnavailableException} unless the application is RUNNING and every instance answered:
 * while a rebalance moves partitions, clients get a retryable error, never a silently partial page.
 */
public final class StreamsRecordQueries implements RecordQueries {

    private final QueryCluster cluster;
    private final LocalPartitions localPartitions;
    private final String sourceTopic;

    private final CallRecordProcessor.Limits foldLimits;

    /**
     * @param sourceTopic the topic whose partitions every queried store follows (the events topic)
     * @param foldLimits  the fold's limits ({@link LocalRecordQueries})
     */
    public StreamsRecordQueries(QueryCluster cluster, String sourceTopic, CallRecordProcessor.Limits foldLimits) {
        this.cluster = cluster;
        this.localPartitions = new LocalPartitions(cluster.streams(), cluster.timeout(), foldLimits);
        this.sourceTopic = sourceTopic;
        this.foldLimits = foldLimits;
    }

    @Override
    public Future<Optional<CallRecord>> record(long sdkAppId, String callId) {
        return byKey(RecordIndex.RECORDS, sdkAppId, callId, "record", local -> local.record(sdkAppId, callId));
    }

    @Override
    public Future<Optional<CallRecord>> openCall(long sdkAppId, String callId) {
        return byKey(CallRecordProcessor.OPEN_CALLS_STORE, sdkAppId, callId, "open-call", local -> local.openCall(sdkAppId, callId));
    }

    /**
     * In two steps, so that only the page's records are read and sent: every instance gives its count and the
     * positions of its first {@code offset + limit + 1} matches (index entries, no records); the positions are merged
     * and the page's window cut; then each instance that listed a position in the window is asked for those records.
     */
    @Override
    public Future<RecordPage> records(RecordFilter filter, PageRequest page) {
        if (page.tooDeep()) {
            return entries(filter, page.after(), 0).map(slices -> RecordPage.beyondDepth(page,
                    slices.values().stream().mapToLong(LocalRecordQueries.IndexSlice::total).sum()));
        }
        return entries(filter, page.after(), page.take()).compose(slices -> pageOf(filter, page, slices));
    }

    /** Each instance's count of matches and the positions of its first {@code take} after the cursor. */
    private Future<Map<HostInfo, LocalRecordQueries.IndexSlice>> entries(RecordFilter filter, Cursor after, int take) {
        return cluster.fanOut(sourceTopic, (host, partitions) -> cluster.isSelf(host)
                ? cluster.blocking(() -> localPartitions.entries(filter, after, take, partitions))
                : cluster.remote(host, HttpMethod.POST, "/records", SliceCodec.encode(filter, after, take, partitions))
                        .map(SliceCodec::decodeIndexSlice));
    }

    private Future<RecordPage> pageOf(RecordFilter filter, PageRequest page, Map<HostInfo, LocalRecordQueries.IndexSlice> slices) {
        long total = slices.values().stream().mapToLong(LocalRecordQueries.IndexSlice::total).sum();
        List<Map.Entry<Cursor, HostInfo>> all = new ArrayList<>();
        slices.forEach((host, slice) -> slice.entries().forEach(e -> all.add(Map.entry(e, host))));
        Comparator<Cursor> order = filter.descending() ? Cursor.ORDER.reversed() : Cursor.ORDER;
        all.sort(Map.Entry.comparingByKey(order));
        int from = page.after() == null ? Math.min(page.offset(), all.size()) : 0;
        int to = (int) Math.min((long) from + page.limit(), all.size());
        List<Map.Entry<Cursor, HostInfo>> window = all.subList(from, to);
        boolean more = page.after() == null ? page.end() < total : all.size() > to;
        Cursor next = more && !window.isEmpty() ? window.get(window.size() - 1).getKey() : null;

        Map<HostInfo, List<Cursor>> byHost = new LinkedHashMap<>();
        window.forEach(e -> byHost.computeIfAbsent(e.getValue(), h -> new ArrayList<>()).add(e.getKey()));
        List<Future<List<CallRecord>>> reads = new ArrayList<>();
        byHost.forEach((host, entries) -> reads.add(cluster.isSelf(host)
                ? cluster.blocking(() -> localPartitions.recordsOf(filter.sdkAppId(), entries))
                : cluster.remote(host, HttpMethod.POST, "/records-at", new JsonObject().put("sdkAppId", filter.sdkAppId())
                        .put("entries", SliceCodec.encodeEntries(entries))).map(SliceCodec::decodeRecords)));
        return Future.all(reads).recover(e -> Future.failedFuture(QueryCluster.unavailable(e))).map(done -> {
            Map<String, CallRecord> byCallId = new HashMap<>();
            reads.forEach(read -> read.result().forEach(r -> byCallId.put(r.getCallId(), r)));
            List<CallRecord> records = window.stream().map(e -> byCallId.get(e.getKey().callId())).toList();
            return new RecordPage(total, records, next);
        });
    }

    @Override
    public Future<RecordPage> openCalls(long sdkAppId, PageRequest page) {
        if (page.tooDeep()) {
            return openCalls(sdkAppId, page.after(), 0).map(slices -> RecordPage.beyondDepth(page,
                    slices.values().stream().mapToLong(LocalRecordQueries.Slice::total).sum()));
        }
        return openCalls(sdkAppId, page.after(), page.take())
                .map(slices -> merge(List.copyOf(slices.values()), LocalRecordQueries.ORDER.reversed(), page));
    }

    /** Each instance's count of open calls and its newest {@code take} after the cursor. */
    private Future<Map<HostInfo, LocalRecordQueries.Slice>> openCalls(long sdkAppId, Cursor after, int take) {
        return cluster.fanOut(sourceTopic, (host, partitions) -> cluster.isSelf(host)
                ? cluster.blocking(() -> localPartitions.openCalls(sdkAppId, after, take, partitions))
                : cluster.remote(host, HttpMethod.GET, "/open-calls?sdkAppId=" + sdkAppId + "&take=" + take
                        + (after == null ? "" : "&after=" + after.encode())
                        + "&partitions=" + SliceCodec.encodePartitions(partitions), null).map(SliceCodec::decodeSlice));
    }

    private Future<Optional<CallRecord>> byKey(String store, long sdkAppId, String callId, String kind,
                                               Function<LocalRecordQueries, Optional<CallRecord>> localQuery) {
        KeyQueryMetadata owner;
        try {
            owner = cluster.owner(store, new CallKey(sdkAppId, callId).toString());
        } catch (QueryUnavailableException e) {
            return Future.failedFuture(e);
        }
        List<HostInfo> candidates = new ArrayList<>();
        candidates.add(owner.activeHost());
        candidates.addAll(owner.standbyHosts());
        return tryHosts(candidates, 0, owner.partition(), sdkAppId, callId, kind, localQuery);
    }

    private Future<Optional<CallRecord>> tryHosts(List<HostInfo> hosts, int index, int partition, long sdkAppId, String callId,
                                                  String kind, Function<LocalRecordQueries, Optional<CallRecord>> localQuery) {
        boolean stale = index > 0; // after the owner: a standby replica
        HostInfo host = hosts.get(index);
        Future<Optional<CallRecord>> attempt = cluster.isSelf(host)
                ? cluster.blocking(() -> localQuery.apply(local(partition, stale)))
                : remoteRecord(host, "/" + kind + "?sdkAppId=" + sdkAppId + "&callId=" + encode(callId)
                        + "&partition=" + partition + "&stale=" + stale);
        if (stale) {
            // A standby may still be restoring: what it holds is true, but a miss proves nothing. Only the owner's
            // active task may say "no such record".
            attempt = attempt.compose(found -> found.isPresent() ? Future.succeededFuture(found)
                    : Future.failedFuture(new QueryUnavailableException("the standby replica on " + host + " does not hold "
                    + callId + "; retry")));
        }
        return attempt.recover(e -> index + 1 < hosts.size()
                ? tryHosts(hosts, index + 1, partition, sdkAppId, callId, kind, localQuery)
                : Future.failedFuture(QueryCluster.unavailable(e)));
    }

    private static RecordPage merge(List<LocalRecordQueries.Slice> slices, Comparator<CallRecord> order, PageRequest page) {
        long total = slices.stream().mapToLong(LocalRecordQueries.Slice::total).sum();
        List<CallRecord> all = new ArrayList<>();
        slices.forEach(s -> all.addAll(s.records()));
        all.sort(order);
        int from = page.after() == null ? Math.min(page.offset(), all.size()) : 0;
        int to = (int) Math.min((long) from + page.limit(), all.size());
        List<CallRecord> records = all.subList(from, to);
        boolean more = page.after() == null ? page.end() < total : all.size() > to;
        Cursor next = more && !records.isEmpty() ? Cursor.of(records.get(records.size() - 1)) : null;
        return new RecordPage(total, records, next);
    }

    private LocalRecordQueries local(int partition, boolean stale) {
        return new LocalRecordQueries(new KafkaStreamsLocalStores(cluster.streams(), partition, stale),
                QueryDeadline.after(cluster.timeout()), foldLimits);
    }

    private Future<Optional<CallRecord>> remoteRecord(HostInfo host, String path) {
        return cluster.send(host, HttpMethod.GET, path, null).compose(response -> {
            if (response.statusCode() == 404) {
                return Future.succeededFuture(Optional.empty());
            }
            if (response.statusCode() != 200) {
                return Future.failedFuture(QueryCluster.failure(host, response));
            }
            return Future.succeededFuture(Optional.of(SliceCodec.decodeRecord(response.body().getBytes())));
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
