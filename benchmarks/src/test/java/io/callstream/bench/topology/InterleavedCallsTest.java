package io.callstream.bench.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.CallScenarios;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InterleavedCallsTest {

    private final List<CallScenarios.Scenario> calls = generate(500);

    @Test
    void everyCallbackComesOnceAndEachCallKeepsItsOrder() {
        Map<String, List<CallFact>> seen = new LinkedHashMap<>();
        InterleavedCalls.forEach(calls.iterator(), 50, new Random(3),
                (callId, fact) -> seen.computeIfAbsent(callId, id -> new ArrayList<>()).add(fact));

        assertThat(seen).hasSize(calls.size());
        calls.forEach(s -> assertThat(seen.get(s.callId())).containsExactlyElementsOf(s.facts()));
    }

    @Test
    void atMostTheGivenNumberOfCallsAreInProgressAndNearlyThatManyAreReached() {
        Map<String, Integer> left = new LinkedHashMap<>();
        calls.forEach(s -> left.put(s.callId(), s.facts().size()));
        Set<String> inProgress = new HashSet<>();
        int[] most = {0};
        InterleavedCalls.forEach(calls.iterator(), 50, new Random(3), (callId, fact) -> {
            inProgress.add(callId);
            most[0] = Math.max(most[0], inProgress.size());
            if (left.merge(callId, -1, Integer::sum) == 0) {
                inProgress.remove(callId);
            }
        });

        // a call counts from its first callback, and its replacement only from its own: the full 50 need not all show
        assertThat(most[0]).isBetween(45, 50);
    }

    @Test
    void oneCallAtATimeSendsTheCallsWholeInTheirOrder() {
        List<String> order = new ArrayList<>();
        InterleavedCalls.forEach(calls.iterator(), 1, new Random(3), (callId, fact) -> order.add(callId));

        List<String> expected = calls.stream().flatMap(s -> s.facts().stream().map(f -> s.callId())).toList();
        assertThat(order).isEqualTo(expected);
    }

    private static List<CallScenarios.Scenario> generate(int n) {
        CallScenarios scenarios = new CallScenarios(new Random(1));
        return IntStream.range(0, n).mapToObj(i -> scenarios.next()).toList();
    }
}
