package io.callstream.gateway;

import io.callstream.service.ServiceLauncher;

/**
 * Runs the gateway with configuration from environment variables (README, "ingest-gateway"). SIGTERM drains it:
 * readiness goes false, in-flight callbacks are answered, the producer is flushed, then the process exits.
 */
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run("callstream-gateway", GatewayConfig::from,
                (config, registry) -> Gateway.start(config, registry).toCompletionStage().toCompletableFuture().join());
    }
}
