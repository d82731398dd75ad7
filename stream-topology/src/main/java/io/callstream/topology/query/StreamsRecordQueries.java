package io.callstream.topology.query;

import io.callstream.schemas.CallKey;
import io.callstream.schemas.CallRecord;
import io.callstream.topology.record.CallRecordProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link RecordQueries} over Kafka Streams' interactive queries, across every instance of the application.
 *
 * <ul>
 *   <li>By call id: asked of the instance that owns the key ({@code queryMetadataForKey}) — this one's stores, or the
 *       owner over HTTP; if the owner cannot answer, a standby replica of the key's partition.</li>
 *   <li>By filter: every instance answers for its own partitions ({@link InternalQueryRoutes}); the slices are merged
 *       in order and paged here. Each instance is asked for {@code offset + limit + 1} records (or {@code limit + 1}
 *       after a cursor), so a page is exact however the records are spread.</li>
 * </ul>
 * A query fails with {@link QueryUnavailableException} unless the application is RUNNING and every instance answered:
 * while a rebalance moves partitions, clients get a retryable error, never a silently partial page.
 */
public final class StreamsRecordQueries implements RecordQueries {

    private final KafkaStreams streams;
    private final LocalPartitions localPartitions;
    private final String sourceTopic;
    private final HostInfo self;
    private final Vertx vertx;
    private final HttpClient http;
    private final Duration timeout;

    /** @param sourceTopic the topic whose partitions every queried store follows (the events topic) */
    public StreamsRecordQueries(KafkaStreams streams, String sourceTopic, HostInfo self, Vertx vertx, Duration timeout) {
        this.streams = streams;
        this.localPartitions = new LocalPartitions(streams);
        this.sourceTopic = sourceTopic;
        this.self = self;
        this.vertx = vertx;
        this.timeout = timeout;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) timeout.toMillis()));
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
        int take = (page.after() == null ? page.offset() : 0) + page.limit() + 1;
        return fanOut((host, partitions) -> isSelf(host)
                        ? blocking(() -> localPartitions.entries(filter, page.after(), take, partitions))
                        : remote(host, HttpMethod.POST, "/records", SliceCodec.encode(filter, page.after(), take, partitions))
                                .map(SliceCodec::decodeIndexSlice))
                .compose(slices -> pageOf(filter, page, slices));
    }

    private Future<RecordPage> pageOf(RecordFilter filter, PageRequest page, Map<HostInfo, LocalRecordQueries.IndexSlice> slices) {
        long total = slices.values().stream().mapToLong(LocalRecordQueries.IndexSlice::total).sum();
        List<Map.Entry<Cursor, HostInfo>> all = new ArrayList<>();
        slices.forEach((host, slice) -> slice.entries().forEach(e -> all.add(Map.entry(e, host))));
        Comparator<Cursor> order = filter.descending() ? Cursor.ORDER.reversed() : Cursor.ORDER;
        all.sort(Map.Entry.comparingByKey(order));
        int from = page.after() == null ? Math.min(page.offset(), all.size()) : 0;
        int to = Math.min(from + page.limit(), all.size());
        List<Map.Entry<Cursor, HostInfo>> window = all.subList(from, to);
        boolean more = page.after() == null ? page.offset() + page.limit() < total : all.size() > to;
        Cursor next = more && !window.isEmpty() ? window.get(window.size() - 1).getKey() : null;

        Map<HostInfo, List<Cursor>> byHost = new LinkedHashMap<>();
        window.forEach(e -> byHost.computeIfAbsent(e.getValue(), h -> new ArrayList<>()).add(e.getKey()));
        List<Future<List<CallRecord>>> reads = new ArrayList<>();
        byHost.forEach((host, entries) -> reads.add(isSelf(host)
                ? blocking(() -> localPartitions.recordsOf(filter.sdkAppId(), entries))
                : remote(host, HttpMethod.POST, "/records-at", new JsonObject().put("sdkAppId", filter.sdkAppId())
                        .put("entries", SliceCodec.encodeEntries(entries))).map(SliceCodec::decodeRecords)));
        return Future.all(reads).recover(e -> Future.failedFuture(unavailable(e))).map(done -> {
            Map<String, CallRecord> byCallId = new HashMap<>();
            reads.forEach(read -> read.result().forEach(r -> byCallId.put(r.getCallId(), r)));
            List<CallRecord> records = window.stream().map(e -> byCallId.get(e.getKey().callId())).toList();
            return new RecordPage(total, records, next);
        });
    }

    @Override
    public Future<RecordPage> openCalls(long sdkAppId, PageRequest page) {
        int take = (page.after() == null ? page.offset() : 0) + page.limit() + 1;
        return fanOut((host, partitions) -> isSelf(host)
                        ? blocking(() -> localPartitions.openCalls(sdkAppId, page.after(), take, partitions))
                        : remote(host, HttpMethod.GET, "/open-calls?sdkAppId=" + sdkAppId + "&take=" + take
                                + (page.after() == null ? "" : "&after=" + page.after().encode())
                                + "&partitions=" + SliceCodec.encodePartitions(partitions), null).map(SliceCodec::decodeSlice))
                .map(slices -> merge(List.copyOf(slices.values()), LocalRecordQueries.ORDER.reversed(), page));
    }

    private Future<Optional<CallRecord>> byKey(String store, long sdkAppId, String callId, String kind,
                                               Function<LocalRecordQueries, Optional<CallRecord>> localQuery) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Future.failedFuture(new QueryUnavailableException("Kafka Streams is " + streams.state() + "; retry"));
        }
        String key = new CallKey(sdkAppId, callId).toString();
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Future.failedFuture(new QueryUnavailableException("no instance owns " + key + " right now; retry"));
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
        Future<Optional<CallRecord>> attempt = isSelf(host)
                ? blocking(() -> localQuery.apply(stale ? staleLocal(partition) : local(partition)))
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
                : Future.failedFuture(unavailable(e)));
    }

    /** Asks each instance for its partitions of the source topic, as one assignment snapshot spreads them. */
    private <T> Future<Map<HostInfo, T>> fanOut(BiFunction<HostInfo, List<Integer>, Future<T>> ask) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Future.failedFuture(new QueryUnavailableException("Kafka Streams is " + streams.state() + "; retry"));
        }
        Map<HostInfo, List<Integer>> plan;
        try {
            plan = PartitionPlan.of(streams.metadataForAllStreamsClients(), sourceTopic);
        } catch (QueryUnavailableException e) {
            return Future.failedFuture(e);
        }
        Map<HostInfo, Future<T>> answers = new LinkedHashMap<>();
        plan.forEach((host, partitions) -> answers.put(host, ask.apply(host, partitions)));
        return Future.all(List.copyOf(answers.values())).map(all -> {
            Map<HostInfo, T> results = new LinkedHashMap<>();
            answers.forEach((host, answer) -> results.put(host, answer.result()));
            return results;
        }).recover(e -> Future.failedFuture(unavailable(e)));
    }

    private static RecordPage merge(List<LocalRecordQueries.Slice> slices, Comparator<CallRecord> order, PageRequest page) {
        long total = slices.stream().mapToLong(LocalRecordQueries.Slice::total).sum();
        List<CallRecord> all = new ArrayList<>();
        slices.forEach(s -> all.addAll(s.records()));
        all.sort(order);
        int from = page.after() == null ? Math.min(page.offset(), all.size()) : 0;
        int to = Math.min(from + page.limit(), all.size());
        List<CallRecord> records = all.subList(from, to);
        boolean more = page.after() == null ? page.offset() + page.limit() < total : all.size() > to;
        Cursor next = more && !records.isEmpty() ? Cursor.of(records.get(records.size() - 1)) : null;
        return new RecordPage(total, records, next);
    }

    private LocalRecordQueries local(int partition) {
        return new LocalRecordQueries(new KafkaStreamsLocalStores(streams, partition, false));
    }

    private LocalRecordQueries staleLocal(int partition) {
        return new LocalRecordQueries(new KafkaStreamsLocalStores(streams, partition, true));
    }

    private boolean isSelf(HostInfo host) {
        return host.equals(self);
    }

    private <T> Future<T> blocking(java.util.concurrent.Callable<T> query) {
        return vertx.executeBlocking(query, false);
    }

    private Future<Optional<CallRecord>> remoteRecord(HostInfo host, String path) {
        return send(host, HttpMethod.GET, path, null).compose(response -> {
            if (response.statusCode() == 404) {
                return Future.succeededFuture(Optional.empty());
            }
            if (response.statusCode() != 200) {
                return Future.failedFuture(new QueryUnavailableException(host + " answered " + response.statusCode()));
            }
            return Future.succeededFuture(Optional.of(SliceCodec.decodeRecord(response.body().getBytes())));
        });
    }

    private Future<JsonObject> remote(HostInfo host, HttpMethod method, String path, JsonObject body) {
        return send(host, method, path, body).compose(response -> response.statusCode() == 200
                ? Future.succeededFuture(response.body().toJsonObject())
                : Future.failedFuture(new QueryUnavailableException(host + " answered " + response.statusCode()
                        + ": " + response.body())));
    }

    private record Response(int statusCode, Buffer body) {
    }

    private Future<Response> send(HostInfo host, HttpMethod method, String path, JsonObject body) {
        RequestOptions options = new RequestOptions().setHost(host.host()).setPort(host.port()).setMethod(method)
                .setURI(InternalQueryRoutes.PREFIX + path).setTimeout(timeout.toMillis());
        return http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body.toBuffer()))
                .compose(response -> response.body().map(b -> new Response(response.statusCode(), b)));
    }

    private static QueryUnavailableException unavailable(Throwable e) {
        if (e instanceof QueryUnavailableException q) {
            return q;
        }
        String why = e instanceof InvalidStateStoreException ? "the stores are not queryable right now" : String.valueOf(e.getMessage());
        return new QueryUnavailableException(why + "; retry", e);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
