package io.callstream.launcher.demo;

import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link DemoTraffic} on the class path. */
public final class DemoTrafficLoader {

    private DemoTrafficLoader() {
    }

    /** The first implementation found; empty when this build has none (the emulator is not part of it yet). */
    public static Optional<DemoTraffic> find() {
        return ServiceLoader.load(DemoTraffic.class).findFirst();
    }
}
