package io.callstream.topology.app;

import io.callstream.service.ServiceLauncher;

/** Runs the Streams application with configuration from environment variables; SIGTERM closes it cleanly. */
public final class StreamsMain {

    private StreamsMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run("callstream-topology", StreamsAppConfig::from, StreamsApp::start);
    }
}
