package io.callstream.launcher.demo;

import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link DemoTraffic} on the class path. */
public final class DemoTrafficLoader {

    private DemoTrafficLoader() {
    }

    /** The first implementation found; empty only in a build that leaves the launcher's own entry out. */
    public static Optional<DemoTraffic> find() {
        return ServiceLoader.load(DemoTraffic.class).findFirst();
    }
}
