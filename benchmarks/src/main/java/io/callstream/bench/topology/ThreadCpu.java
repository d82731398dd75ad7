package io.callstream.bench.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time per thread of a process, from /proc (Linux), native threads included (RocksDB's flush and compaction
 * threads are invisible to ThreadMXBean). Differences of two snapshots say where a phase spent its CPU, which stays
 * meaningful when other processes share the machine, unlike a rate. Each thread's time waiting on a run queue
 * ({@code schedstat}, where the kernel has it) says how long it was ready to run but had no core: on a host whose
 * cores the broker and the app share, that is a share of a thread's wall time its own CPU time does not show.
 */
final class ThreadCpu {

    /** The group of the JIT compiler's threads (C1 and C2). */
    static final String JIT = "JIT";

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final Map<String, Long> ticksByThread; // "<tid> <name>" -> utime + stime
    private final Map<String, Long> runQueueNanosByThread; // "<tid> <name>" -> time ready to run, without a core

    private ThreadCpu(Map<String, Long> ticksByThread, Map<String, Long> runQueueNanosByThread) {
        this.ticksByThread = ticksByThread;
        this.runQueueNanosByThread = runQueueNanosByThread;
    }

    static ThreadCpu snapshot(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, Long> runQueue = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String name = Files.readString(task.resolve("comm")).trim();
                    String thread = task.getFileName() + " " + name;
                    ticks.put(thread, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    runQueue.put(thread, Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[1]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: it is not counted
                }
            });
        } catch (IOException e) {
            return new ThreadCpu(Map.of(), Map.of()); // not Linux: no figures
        }
        return new ThreadCpu(ticks, runQueue);
    }

    /** CPU seconds spent since {@code before}, by thread group (names are truncated to 15 characters by Linux). */
    Map<String, Double> secondsSince(ThreadCpu before) {
        return byGroupSince(ticksByThread, before.ticksByThread, TICKS_PER_SECOND);
    }

    /** Seconds spent waiting for a core since {@code before}, by thread group (as {@link #secondsSince}). */
    Map<String, Double> runQueueSecondsSince(ThreadCpu before) {
        return byGroupSince(runQueueNanosByThread, before.runQueueNanosByThread, 1e9);
    }

    private static Map<String, Double> byGroupSince(Map<String, Long> now, Map<String, Long> before, double unitsPerSecond) {
        Map<String, Double> byGroup = new TreeMap<>();
        now.forEach((thread, units) -> {
            long delta = units - before.getOrDefault(thread, 0L);
            if (delta > 0) {
                byGroup.merge(group(thread.substring(thread.indexOf(' ') + 1)), delta / unitsPerSecond, Double::sum);
            }
        });
        return byGroup;
    }

    /** CPU seconds one group spent since {@code before}. */
    double secondsSince(ThreadCpu before, String group) {
        return secondsSince(before).getOrDefault(group, 0.0);
    }

    private static String group(String name) {
        // Linux keeps a thread's first 15 characters: the benchmarks' stream threads are known by their application ids
        if (name.contains("StreamThread") || name.startsWith("fold-bench") || name.startsWith("floor-")
                || name.startsWith(StatsBenchmark.APPLICATION_ID)) {
            return "stream thread";
        }
        if (name.startsWith("kafka-producer")) {
            return "producer I/O";
        }
        if (name.startsWith("rocksdb")) {
            return "RocksDB background";
        }
        if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
            return JIT;
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.startsWith("data-plane") || name.startsWith("kafka-") || name.startsWith("quorum") || name.startsWith("group-coord")
                || name.startsWith("TxnMarker") || name.startsWith("ExpirationRe") || name.startsWith("ReplicaFetch")
                || name.startsWith("AddPartitions") || name.startsWith("transaction")) {
            return "broker";
        }
        return "other";
    }
}
