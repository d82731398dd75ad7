package io.callstream.gateway;

import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.testkit.FreePort;
import io.callstream.testkit.KafkaCluster;
import io.callstream.service.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A gateway on a free port, writing to fresh topics of a test cluster, and an HTTP client for it. The gateway requires
 * {@link #TOKEN} unless the overrides say otherwise; {@link #callback} and {@link #withToken} make URLs that carry it.
 */
final class GatewayHarness implements AutoCloseable {

    static final String TOKEN = "harness-token-0123456789";

    final KafkaCluster kafka;
    final String eventsTopic;
    final String dlqTopic;
    final Metrics metrics = new Metrics("callstream-gateway");
    final PrometheusMeterRegistry registry = metrics.registry();
    final Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    GatewayHarness(KafkaCluster kafka, Map<String, String> overrides) {
        this.kafka = kafka;
        this.eventsTopic = kafka.newTopicName("events");
        this.dlqTopic = kafka.newTopicName("dlq");
        kafka.createTopics(Topics.EVENTS.withName(eventsTopic).toNewTopic(Optional.empty()),
                Topics.EVENTS_DLQ.withName(dlqTopic).toNewTopic(Optional.empty()));
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        kafka.clientProperties().forEach((k, v) -> env.put("KAFKA_CLIENT_" + k.toUpperCase().replace('.', '_'), v.toString()));
        env.remove("KAFKA_CLIENT_BOOTSTRAP_SERVERS");
        env.put("CALLSTREAM_SDKAPPIDS", "8888888,888888,1400000001");
        env.put("CALLSTREAM_GATEWAY_PORT", Integer.toString(FreePort.find()));
        env.put("CALLSTREAM_GATEWAY_HOST", "127.0.0.1");
        env.put("CALLSTREAM_GATEWAY_EVENT_LOOPS", "2");
        env.put("CALLSTREAM_TOPIC_EVENTS", eventsTopic);
        env.put("CALLSTREAM_TOPIC_EVENTS_DLQ", dlqTopic);
        env.put("CALLSTREAM_READINESS_INTERVAL_MS", "500");
        env.put("CALLSTREAM_CALLBACK_TOKEN", TOKEN);
        env.putAll(overrides);
        this.gateway = Gateway.start(GatewayConfig.from(new Env(env)), registry)
                .toCompletionStage().toCompletableFuture().join();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    HttpResponse<String> post(String pathAndQuery, String body) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String pathAndQuery, String body) {
        return http.sendAsync(HttpRequest.newBuilder(uri(pathAndQuery)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String callback(long sdkAppId, String command, String callId, String userId) {
        return withToken("/callback?sdkappid=" + sdkAppId + "&command=" + command + "&contenttype=json&clientip=10.0.0.1&optplatform=Android");
    }

    /** {@code pathAndQuery} with {@link #TOKEN} as the path's last segment, as a sender's registered URL has it. */
    static String withToken(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q);
        return (path.endsWith("/") ? path : path + "/") + TOKEN + query;
    }

    static String body(String callId, String userId, String role, long eventTime) {
        return "{\"CallId\":\"" + callId + "\",\"UserId\":\"" + userId + "\",\"Role\":\"" + role
                + "\",\"CallType\":\"single\",\"MediaType\":\"video\",\"RoomId\":\"r-" + callId + "\",\"EventTime\":" + eventTime + "}";
    }

    @Override
    public void close() {
        gateway.close();
        metrics.close();
    }
}
