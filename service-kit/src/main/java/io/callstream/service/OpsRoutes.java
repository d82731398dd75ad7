package io.callstream.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/**
 * The operational endpoints every callstream HTTP server carries: {@code GET /healthz} (the process is alive: 503 when
 * it cannot recover without a restart),
 * {@code GET /readyz} (it can do its job; 503 with the reason when not) and {@code GET /metrics} (Prometheus text).
 */
public final class OpsRoutes {

    /** Whether the process can serve, and why not. */
    public record Readiness(boolean ready, String detail) {
        public static Readiness ready(String detail) {
            return new Readiness(true, detail);
        }

        public static Readiness notReady(String detail) {
            return new Readiness(false, detail);
        }
    }

    private OpsRoutes() {
    }

    public static void mount(Router router, Supplier<Readiness> readiness, PrometheusMeterRegistry registry) {
        mount(router, readiness, () -> Readiness.ready("alive"), registry);
    }

    /**
     * @param liveness whether the process can still recover by itself: when not, {@code /healthz} answers 503 with the
     *                 reason, and the orchestrator restarts it (a Streams client that shut down after failing threads)
     */
    public static void mount(Router router, Supplier<Readiness> readiness, Supplier<Readiness> liveness,
                             PrometheusMeterRegistry registry) {
        router.get("/healthz").handler(ctx -> {
            Readiness l = liveness.get();
            ctx.response().setStatusCode(l.ready() ? 200 : 503);
            ctx.json(l.ready() ? new JsonObject().put("status", "UP")
                    : new JsonObject().put("status", "DOWN").put("detail", l.detail()));
        });
        router.get("/readyz").handler(ctx -> {
            Readiness r = readiness.get();
            ctx.response().setStatusCode(r.ready() ? 200 : 503);
            ctx.json(new JsonObject().put("status", r.ready() ? "READY" : "NOT_READY").put("detail", r.detail()));
        });
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
    }
}
