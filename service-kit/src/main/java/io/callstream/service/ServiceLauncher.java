package io.callstream.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every callstream process starts: read its configuration from the environment (a bad value exits with status 2
 * and a message naming the variable), log what it read (secrets masked), start with a Prometheus registry, and on
 * SIGTERM close what it started, then the registry.
 */
public final class ServiceLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

    private ServiceLauncher() {
    }

    /**
     * @param application the name in logs and in every metric's {@code application} tag
     * @param configure   reads the configuration; throws {@link Env.ConfigException} when it is invalid
     * @param start       starts the service and returns what SIGTERM closes (closing drains it)
     */
    public static <C> void run(String application, Function<Env, C> configure,
                               BiFunction<C, PrometheusMeterRegistry, AutoCloseable> start) {
        Env env = Env.system();
        C config;
        try {
            config = configure.apply(env);
        } catch (Env.ConfigException e) {
            LOG.atError().addKeyValue("application", application).log("invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        LOG.atInfo().addKeyValue("config", env.effective()).log("starting {}", application);
        Metrics metrics = new Metrics(application);
        AutoCloseable service = start.apply(config, metrics.registry());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("SIGTERM: stopping {}", application);
            try {
                service.close();
            } catch (Exception e) {
                LOG.atWarn().setCause(e).log("{} did not stop cleanly", application);
            } finally {
                metrics.close();
            }
        }, "callstream-shutdown"));
    }
}
