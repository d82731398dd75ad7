package io.callstream.bench.topology;

import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.CallScenarios;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * Callbacks in the order a busy app sends them: {@code concurrent} calls are in progress at once, each callback comes
 * from one of them at random, and a call that has sent its last callback is replaced by the next one. Each call's own
 * callbacks keep their order. With one call at a time, the calls come one after the other, each whole; a replayed
 * backlog sorted by call looks like that, live traffic does not.
 *
 * <p>Why it matters to the fold: how many calls are in progress decides how often a call's state is still decoded in
 * memory, and whether the writes of a call's callbacks fall into the same commit.
 */
final class InterleavedCalls {

    private InterleavedCalls() {
    }

    /** Sends every callback of {@code calls} to {@code sink} (call id, fact), interleaved as above. */
    static void forEach(Iterator<CallScenarios.Scenario> calls, int concurrent, Random random, BiConsumer<String, CallFact> sink) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("at least one call in progress, not " + concurrent);
        }
        List<InProgress> active = new ArrayList<>(concurrent);
        while (active.size() < concurrent && calls.hasNext()) {
            active.add(new InProgress(calls.next()));
        }
        while (!active.isEmpty()) {
            int i = random.nextInt(active.size());
            InProgress call = active.get(i);
            sink.accept(call.scenario.callId(), call.scenario.facts().get(call.sent++));
            if (call.sent == call.scenario.facts().size()) {
                if (calls.hasNext()) {
                    active.set(i, new InProgress(calls.next()));
                } else { // the last calls drain: swap-remove keeps the pick uniform over the rest
                    active.set(i, active.get(active.size() - 1));
                    active.remove(active.size() - 1);
                }
            }
        }
    }

    private static final class InProgress {
        final CallScenarios.Scenario scenario;
        int sent;

        InProgress(CallScenarios.Scenario scenario) {
            this.scenario = scenario;
        }
    }
}
