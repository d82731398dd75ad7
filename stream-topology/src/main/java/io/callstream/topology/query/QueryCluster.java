package io.callstream.topology.query;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The instances of the application as a query sees them: which one holds a key, which ones hold the partitions of a
 * topic (one assignment snapshot), and how to ask one of them ({@link InternalQueryRoutes}). Every failure to get a
 * complete answer becomes a {@link QueryUnavailableException}: the client retries rather than receive part of one.
 */
public final class QueryCluster {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Vertx vertx;
    private final HttpClient http;
    private final Duration timeout;

    public QueryCluster(KafkaStreams streams, HostInfo self, Vertx vertx, Duration timeout) {
        this.streams = streams;
        this.self = self;
        this.vertx = vertx;
        this.timeout = timeout;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) timeout.toMillis()));
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Where a key of a store lives: its partition, its active instance and its standbys. */
    public KeyQueryMetadata owner(String store, String key) {
        requireRunning();
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new QueryUnavailableException("no instance owns " + key + " of " + store + " right now; retry");
        }
        return owner;
    }

    /** Asks each instance for its partitions of {@code sourceTopic}, as one snapshot of the assignment spreads them. */
    public <T> Future<Map<HostInfo, T>> fanOut(String sourceTopic, BiFunction<HostInfo, List<Integer>, Future<T>> ask) {
        Map<HostInfo, List<Integer>> plan;
        try {
            requireRunning();
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

    public boolean isSelf(HostInfo host) {
        return host.equals(self);
    }

    /** Runs a local read off the event loop (RocksDB reads block). */
    public <T> Future<T> blocking(Callable<T> query) {
        return vertx.executeBlocking(query, false);
    }

    /** Another instance's answer, as JSON; anything but 200 fails as unavailable. */
    public Future<JsonObject> remote(HostInfo host, HttpMethod method, String path, JsonObject body) {
        return send(host, method, path, body).compose(response -> response.statusCode() == 200
                ? Future.succeededFuture(response.body().toJsonObject())
                : Future.failedFuture(new QueryUnavailableException(host + " answered " + response.statusCode()
                        + ": " + response.body())));
    }

    /** An answer of another instance, whatever its status. */
    public record Response(int statusCode, Buffer body) {
    }

    public Future<Response> send(HostInfo host, HttpMethod method, String path, JsonObject body) {
        RequestOptions options = new RequestOptions().setHost(host.host()).setPort(host.port()).setMethod(method)
                .setURI(InternalQueryRoutes.PREFIX + path).setTimeout(timeout.toMillis());
        return http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body.toBuffer()))
                .compose(response -> response.body().map(b -> new Response(response.statusCode(), b)));
    }

    private void requireRunning() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new QueryUnavailableException("Kafka Streams is " + streams.state() + "; retry");
        }
    }

    public static QueryUnavailableException unavailable(Throwable e) {
        if (e instanceof QueryUnavailableException q) {
            return q;
        }
        String why = e instanceof InvalidStateStoreException ? "the stores are not queryable right now" : String.valueOf(e.getMessage());
        return new QueryUnavailableException(why + "; retry", e);
    }
}
