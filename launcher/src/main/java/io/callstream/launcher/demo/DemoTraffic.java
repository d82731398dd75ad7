package io.callstream.launcher.demo;

import io.callstream.service.Env;

/**
 * What {@code --demo} runs: something that sends calls' callbacks to the gateway, so that records fill in live. The
 * launcher finds it with {@link java.util.ServiceLoader} (a {@code META-INF/services/io.callstream.launcher.demo.DemoTraffic}
 * entry); its own is {@link EmulatorDemoTraffic}, the call emulator's live traffic. A jar placed first on the class
 * path can bring another.
 */
public interface DemoTraffic {

    /** A name for the startup message, e.g. {@code "callkit-emulator"}. */
    String name();

    /**
     * Reads and checks its settings. Called before anything starts, so that a bad value is reported as the services'
     * own configuration errors are, before the broker or the gateway runs.
     *
     * @return what it will send, for the startup message, e.g. {@code "2 calls/s (CALLSTREAM_DEMO_RATE)"}
     * @throws Env.ConfigException for a bad value, naming the variable
     */
    String configure(Env env);

    /**
     * Starts sending calls in the background and returns at once; called after {@link #configure}.
     *
     * @return what stops it; the launcher closes it first on shutdown, before the gateway drains
     */
    AutoCloseable start(DemoTarget target) throws Exception;
}
