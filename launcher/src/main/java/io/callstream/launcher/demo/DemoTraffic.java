package io.callstream.launcher.demo;

/**
 * What {@code --demo} runs: something that sends calls' callbacks to the gateway, so that records fill in live. The
 * call emulator ({@code callkit-emulator}) implements it; the launcher finds it with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.callstream.launcher.demo.DemoTraffic} entry in a jar on the class path), so the
 * launcher needs no compile-time dependency on it.
 */
public interface DemoTraffic {

    /** A name for the startup message, e.g. {@code "callkit-emulator"}. */
    String name();

    /**
     * Starts sending calls in the background and returns at once.
     *
     * @return what stops it; the launcher closes it first on shutdown, before the gateway drains
     */
    AutoCloseable start(DemoTarget target) throws Exception;
}
