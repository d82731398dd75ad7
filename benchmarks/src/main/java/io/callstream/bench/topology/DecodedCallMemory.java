package io.callstream.bench.topology;

import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.ArrivedFact;
import io.callstream.topology.record.ArrivedFactSerde;
import io.callstream.topology.record.CallScenarios;
import io.callstream.topology.record.FoldedCall;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one call kept decoded by the fold takes on the heap: the figure behind {@code CALLSTREAM_CACHED_CALLS}' memory.
 * The calls come from the property tests' generator, and each fact is decoded from its stored bytes, as the fold reads
 * an event or a call back, so that no string is shared that the fold would not share. Run:
 * {@code java -cp <test classpath> io.callstream.bench.topology.DecodedCallMemory} (BENCH_CALLS, default 20,000).
 */
public final class DecodedCallMemory {

    public static void main(String[] args) {
        int calls = Integer.parseInt(System.getenv().getOrDefault("BENCH_CALLS", "20000"));
        ArrivedFactSerde serde = new ArrivedFactSerde();
        Serializer<ArrivedFact> serializer = serde.serializer();
        Deserializer<ArrivedFact> deserializer = serde.deserializer();
        CallScenarios scenarios = new CallScenarios(new Random(1));
        List<List<byte[]>> stored = new ArrayList<>(calls);
        long facts = 0;
        for (int i = 0; i < calls; i++) {
            List<byte[]> call = new ArrayList<>();
            for (CallFact fact : scenarios.next().facts()) {
                call.add(serializer.serialize("facts", new ArrivedFact(fact, i)));
            }
            facts += call.size();
            stored.add(call);
        }
        long before = heapUsedAfterGc();
        List<FoldedCall> decoded = new ArrayList<>(calls);
        for (List<byte[]> call : stored) {
            FoldedCall state = FoldedCall.empty();
            call.forEach(bytes -> state.add(deserializer.deserialize("facts", bytes).fact(), 0));
            decoded.add(state);
        }
        long bytes = heapUsedAfterGc() - before;
        Reference.reachabilityFence(stored); // measured before and after: it must not be collected in between
        System.out.printf("%,d calls decoded, %,d facts (%.1f a call): %,.0f bytes a call, %,.0f bytes a fact [%d]%n",
                calls, facts, facts / (double) calls, bytes / (double) calls, bytes / (double) facts, decoded.size());
        Reference.reachabilityFence(decoded);
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
