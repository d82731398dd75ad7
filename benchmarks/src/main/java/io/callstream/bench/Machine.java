package io.callstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine a report was measured on, for its first line: cores, the CPU's model with its family and model numbers,
 * and Java. "AMD EPYC" alone names several generations, so the numbers go with every figure.
 */
public final class Machine {

    private Machine() {
    }

    /** E.g. {@code 2 cores (AMD EPYC, family 26 model 2, 1024 KB cache), Java 17.0.15}. */
    public static String describe() {
        List<String> cpuinfo;
        try {
            cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            cpuinfo = List.of();
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu(cpuinfo) + "), Java "
                + System.getProperty("java.version");
    }

    /** The first processor's model, family, model number and cache from {@code /proc/cpuinfo}'s lines. */
    static String cpu(List<String> cpuinfo) {
        Optional<String> name = field(cpuinfo, "model name");
        if (name.isEmpty()) {
            return "unknown CPU";
        }
        StringBuilder cpu = new StringBuilder(name.get());
        field(cpuinfo, "cpu family").ifPresent(family -> cpu.append(", family ").append(family)
                .append(field(cpuinfo, "model").map(model -> " model " + model).orElse("")));
        field(cpuinfo, "cache size").ifPresent(cache -> cpu.append(", ").append(cache).append(" cache"));
        return cpu.toString();
    }

    private static Optional<String> field(List<String> cpuinfo, String name) {
        return cpuinfo.stream()
                .filter(line -> line.indexOf(':') > 0 && line.substring(0, line.indexOf(':')).trim().equals(name))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim());
    }
}
