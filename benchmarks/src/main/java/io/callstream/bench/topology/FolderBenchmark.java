package io.callstream.bench.topology;

import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.record.CallScenarios;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The fold's domain logic alone, on one thread, as the processor drives it: every callback adds its fact and asks
 * {@link CallRecordFolder#isComplete}, and each call is folded into its record once at the end. No Kafka, no stores:
 * the figure is the plain-Java share of the stream thread's time per callback, and compares two builds of the rules
 * back to back. Run: {@code java -cp <test classpath> io.callstream.bench.topology.FolderBenchmark} (BENCH_CALLS,
 * default 50,000 calls; BENCH_ROUNDS, default 15; the best round is reported, after the JIT has compiled the code).
 */
public final class FolderBenchmark {

    public static void main(String[] args) {
        int calls = Integer.parseInt(System.getenv().getOrDefault("BENCH_CALLS", "50000"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "15"));
        CallScenarios scenarios = new CallScenarios(new Random(1));
        List<CallScenarios.Scenario> generated = IntStream.range(0, calls).mapToObj(i -> scenarios.next()).toList();
        long callbacks = generated.stream().mapToLong(s -> s.facts().size()).sum();
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long started = System.nanoTime();
            for (CallScenarios.Scenario s : generated) {
                SortedSet<CallFact> facts = new TreeSet<>();
                for (CallFact f : s.facts()) {
                    facts.add(f);
                    if (CallRecordFolder.isComplete(facts)) {
                        sink++;
                    }
                }
                sink += CallRecordFolder.fold(1L, s.callId(), facts, !s.complete()).record().getEventCount();
            }
            double nanosPerCallback = (System.nanoTime() - started) / (double) callbacks;
            best = Math.min(best, nanosPerCallback);
            System.out.printf("round %2d: %.0f ns per callback%n", round + 1, nanosPerCallback);
        }
        System.out.printf("%,d calls, %,d callbacks; best round: %.0f ns per callback (isComplete on each, fold once per call)"
                + " [%d]%n", calls, callbacks, best, sink % 10);
    }
}
