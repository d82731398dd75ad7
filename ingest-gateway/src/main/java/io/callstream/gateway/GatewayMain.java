package io.callstream.gateway;

import io.callstream.service.Env;
import io.callstream.service.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway with configuration from environment variables (README, "ingest-gateway"). SIGTERM drains it:
 * readiness goes false, in-flight callbacks are answered, the producer is flushed, then the process exits.
 */
public final class GatewayMain {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {
    }

    public static void main(String[] args) {
        Env env = Env.system();
        GatewayConfig config;
        try {
            config = GatewayConfig.from(env);
        } catch (Env.ConfigException e) {
            LOG.error("invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        LOG.atInfo().addKeyValue("config", env.effective()).log("starting callstream ingest-gateway");
        Metrics metrics = new Metrics("callstream-gateway");
        Gateway gateway = Gateway.start(config, metrics.registry()).toCompletionStage().toCompletableFuture().join();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("SIGTERM: draining");
            gateway.close();
            metrics.close();
        }, "callstream-shutdown"));
    }
}
