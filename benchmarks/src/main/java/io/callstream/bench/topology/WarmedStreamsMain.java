package io.callstream.bench.topology;

import io.callstream.topology.app.StreamsMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The fold benchmark's pinned app (BENCH_APP_CPUS): the JIT warm-up in the app's own JVM, where the measured app's code
 * is compiled, then the app exactly as {@link StreamsMain} runs it, configured by the same variables.
 *
 * <p>Argument: a file to write the warm-up's description to once it is over; the benchmark waits for it, so that the
 * fold's time starts with the measured app.
 */
public final class WarmedStreamsMain {

    private WarmedStreamsMain() {
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        Path partial = report.resolveSibling(report.getFileName() + ".partial");
        Files.writeString(partial, JitWarmUp.run(System.getenv()));
        Files.move(partial, report, StandardCopyOption.ATOMIC_MOVE); // the benchmark never reads a half-written file
        StreamsMain.main(new String[0]);
    }
}
