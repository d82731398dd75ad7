package io.callstream.topology.app;

import io.callstream.service.Env;
import io.callstream.service.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the Streams application with configuration from environment variables; SIGTERM closes it cleanly. */
public final class StreamsMain {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsMain.class);

    private StreamsMain() {
    }

    public static void main(String[] args) {
        Env env = Env.system();
        StreamsAppConfig config;
        try {
            config = StreamsAppConfig.from(env);
        } catch (Env.ConfigException e) {
            LOG.error("invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        LOG.atInfo().addKeyValue("config", env.effective()).log("starting callstream stream-topology");
        Metrics metrics = new Metrics("callstream-topology");
        StreamsApp app = StreamsApp.start(config, metrics.registry());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("SIGTERM: closing");
            app.close();
            metrics.close();
        }, "callstream-shutdown"));
    }
}
