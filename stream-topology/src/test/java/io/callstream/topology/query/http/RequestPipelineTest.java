package io.callstream.topology.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.query.PageTooDeepException;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.auth.AuthResult;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link RequestPipeline} guarantees every query API alike, whatever its words: how a failure is classified
 * (after unwrapping CompletionException and ExecutionException), the deadline, and that the answer is written on the
 * request's own event loop even when the records come back on another thread. The conventions here answer with the
 * outcome's kind, so that the test sees the classification itself.
 */
class RequestPipelineTest {

    private static final Duration DEADLINE = Duration.ofMillis(300);

    private static Vertx vertx;
    private static HttpServer server;
    private static final KindConventions CONVENTIONS = new KindConventions();
    private static volatile Supplier<Future<JsonObject>> answer;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/q").handler(new RequestPipeline<>(CONVENTIONS, new FixedRoute(), DEADLINE)::handle);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void reset() {
        CONVENTIONS.answeredOnEventLoop.clear();
    }

    static Stream<Arguments> wrappedFailures() {
        var unavailable = new QueryUnavailableException("partition 3 is restoring");
        return Stream.of(
                Arguments.of("as is", unavailable, "unavailable"),
                Arguments.of("in a CompletionException", new CompletionException(unavailable), "unavailable"),
                Arguments.of("in an ExecutionException", new ExecutionException(unavailable), "unavailable"),
                Arguments.of("wrapped twice", new CompletionException(new ExecutionException(unavailable)),
                        "unavailable"),
                Arguments.of("a refusal in a CompletionException", new CompletionException(new Refusal("no")),
                        "refused"),
                Arguments.of("a page too deep, wrapped", new ExecutionException(new PageTooDeepException(10_050)),
                        "refused"),
                Arguments.of("a bug, wrapped", new CompletionException(new IllegalStateException("bug")),
                        "internal"),
                Arguments.of("a wrapper with no cause", new CompletionException("odd", null), "internal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrappedFailures")
    void classifiesAFailureByWhatItWraps(String name, Throwable failure, String kind) throws Exception {
        answer = () -> Future.failedFuture(failure);
        assertThat(get().getString("kind")).isEqualTo(kind);
    }

    @Test
    void aRouteThatThrowsIsClassifiedAsIfItsFutureHadFailed() throws Exception {
        answer = () -> {
            throw new QueryUnavailableException("not running");
        };
        assertThat(get().getString("kind")).isEqualTo("unavailable");
        answer = () -> {
            throw new IllegalStateException("bug");
        };
        assertThat(get().getString("kind")).isEqualTo("internal");
    }

    @Test
    void noAnswerWithinTheDeadlineIsATimeoutButATimeoutOfTheAnswerItselfIsAFault() throws Exception {
        answer = () -> Promise.<JsonObject>promise().future();
        assertThat(get()).isEqualTo(new JsonObject().put("kind", "timedOut").put("message", "300"));
        answer = () -> Future.failedFuture(new TimeoutException("a timeout inside the store"));
        assertThat(get().getString("kind")).isEqualTo("internal");
    }

    @Test
    void answersOnTheRequestsEventLoopWhenTheRecordsComeBackOnAnotherThread() throws Exception {
        answer = () -> {
            Promise<JsonObject> promise = Promise.promise();
            new Thread(() -> promise.complete(new JsonObject().put("kind", "success")), "not-vertx").start();
            return promise.future();
        };
        assertThat(get().getString("kind")).isEqualTo("success");
        answer = () -> {
            Promise<JsonObject> promise = Promise.promise();
            new Thread(() -> promise.fail(new QueryUnavailableException("remote")), "not-vertx").start();
            return promise.future();
        };
        assertThat(get().getString("kind")).isEqualTo("unavailable");
        assertThat(CONVENTIONS.answeredOnEventLoop).containsExactly(true, true);
    }

    private JsonObject get() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.actualPort() + "/q")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("r1");
        return new JsonObject(response.body());
    }

    private static final class Refusal extends RuntimeException {

        Refusal(String message) {
            super(message);
        }
    }

    /** Every request is the admin of app 1 and asks {@link #answer}. */
    private static final class FixedRoute implements ApiRoute {

        private final AppRateLimiter limiter = new AppRateLimiter(1_000_000, System::nanoTime);

        @Override
        public String path() {
            return "/q";
        }

        @Override
        public String name() {
            return "q";
        }

        @Override
        public AppRateLimiter rateLimiter() {
            return limiter;
        }

        @Override
        public Admission read(RoutingContext ctx) {
            return new Admission(new AuthResult.Granted(1, "administrator"), app -> answer.get());
        }
    }

    /** Answers {@code {"kind": <outcome>, "message": ...}}, and notes the thread each answer is made on. */
    private static final class KindConventions implements ApiConventions<Refusal> {

        final List<Boolean> answeredOnEventLoop = new CopyOnWriteArrayList<>();

        @Override
        public Class<Refusal> clientError() {
            return Refusal.class;
        }

        @Override
        public String newRequestId() {
            return "r1";
        }

        @Override
        public Refusal denied(AuthResult.Denied denied) {
            return new Refusal(denied.message());
        }

        @Override
        public Refusal rateLimited(ApiRoute route, long sdkAppId) {
            return new Refusal("rate");
        }

        @Override
        public Refusal tooDeep(PageTooDeepException deep) {
            return new Refusal("too deep: " + deep.end());
        }

        @Override
        public Answer success(String requestId, JsonObject payload) {
            return new Answer(200, 0, payload);
        }

        @Override
        public Answer refused(String requestId, Refusal error) {
            return kind(400, "refused", error.getMessage());
        }

        @Override
        public Answer unavailable(String requestId, QueryUnavailableException cause) {
            return kind(503, "unavailable", cause.getMessage());
        }

        @Override
        public Answer timedOut(String requestId, Duration deadline) {
            return kind(503, "timedOut", Long.toString(deadline.toMillis()));
        }

        @Override
        public Answer internal(String requestId) {
            return kind(500, "internal", requestId);
        }

        @Override
        public void answered(ApiRoute route, int code, long nanos) {
            answeredOnEventLoop.add(Context.isOnEventLoopThread());
        }

        private static Answer kind(int status, String kind, String message) {
            return new Answer(status, status, new JsonObject().put("kind", kind).put("message", message));
        }
    }
}
