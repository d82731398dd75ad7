package io.callstream.topology.query.cluster;

import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.internal.InternalApi;
import io.callstream.topology.query.internal.InternalRequestAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
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
 * topic (one assignment snapshot), and how to ask one of them ({@link InternalQueryRoutes} on its internal listener,
 * each request signed with the cluster secret). Every failure to get a complete answer becomes a
 * {@link QueryUnavailableException}: the client retries rather than receive part of one.
 *
 * <p>Each API has its own cluster, with its own deadline for the parts asked of other instances: a remote part of an
 * analyst query may take the analyst API's time, not the vendor API's.
 */
public final class QueryCluster {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Vertx vertx;
    private final HttpClient http;
    private final InternalRequestAuth auth;
    private final Duration timeout;

    /**
     * @param self    where the other instances reach this one (its {@code application.server})
     * @param http    the client to the other instances' internal listeners
     * @param auth    signs each request to another instance
     * @param timeout how long a part asked of another instance may take: the calling API's own deadline
     */
    public QueryCluster(KafkaStreams streams, HostInfo self, Vertx vertx, HttpClient http, InternalRequestAuth auth,
                        Duration timeout) {
        this.streams = streams;
        this.self = self;
        this.vertx = vertx;
        this.http = http;
        this.auth = auth;
        this.timeout = timeout;
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

    /** How long the calling API waits for an answer: its remote parts' timeout, and its local scans' deadline. */
    public Duration timeout() {
        return timeout;
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
                : Future.failedFuture(failure(host, response)));
    }

    /** Why another instance's answer is no part of a complete one. */
    public static QueryUnavailableException failure(HostInfo host, Response response) {
        if (response.statusCode() == 401) {
            return new QueryUnavailableException(host + " refused this instance's signature: every instance needs the same "
                    + InternalRequestAuth.VARIABLE + " and a clock within " + InternalRequestAuth.VALIDITY.toSeconds()
                    + " s of the others'");
        }
        return new QueryUnavailableException(host + " answered " + response.statusCode() + ": " + response.body());
    }

    /** An answer of another instance. */
    public record Response(int statusCode, Buffer body) {
    }

    /** Another instance's answer, whatever its status; the request is signed at the moment it is sent. */
    public Future<Response> send(HostInfo host, HttpMethod method, String path, JsonObject body) {
        String uri = InternalApi.PREFIX + path;
        Buffer content = body == null ? Buffer.buffer() : body.toBuffer();
        RequestOptions options = new RequestOptions().setHost(host.host()).setPort(host.port()).setMethod(method)
                .setURI(uri).setConnectTimeout(timeout.toMillis()).setTimeout(timeout.toMillis());
        auth.sign(method.name(), uri, content.getBytes()).forEach(options::putHeader);
        return http.request(options)
                .compose(request -> body == null ? request.send() : request.send(content))
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
