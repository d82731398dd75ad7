package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.record.CallScenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R2 and R6 through the real processor and stores: the events of many calls, interleaved, shuffled and duplicated,
 * give exactly one record per complete call, equal to the fold of its events in order.
 */
class TopologyPropertiesTest {

    /** With one cached call, nearly every callback reads its call back from the stores, as after a restart. */
    @ParameterizedTest(name = "{0} calls kept decoded")
    @ValueSource(ints = {TopologyConfig.DEFAULT_CACHED_CALLS, 1})
    void interleavedShuffledAndRetriedEventsGiveOneCorrectRecordPerCall(int cachedCalls) {
        Random random = new Random(42);
        CallScenarios scenarios = new CallScenarios(random);
        Map<String, List<CallFact>> calls = new HashMap<>();
        List<Map.Entry<String, CallFact>> arrivals = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            CallScenarios.Scenario s = scenarios.next();
            calls.put(s.callId(), s.facts());
            for (CallFact f : s.facts()) {
                arrivals.add(Map.entry(s.callId(), f));
                if (random.nextInt(4) == 0) {
                    arrivals.add(Map.entry(s.callId(), f)); // retried
                }
            }
        }
        Collections.shuffle(arrivals, random);

        try (FoldDriver fold = new FoldDriver(cachedCalls)) {
            arrivals.forEach(a -> fold.send(a.getKey(), a.getValue()));
            fold.advance(Duration.ofSeconds(4));
            Map<String, CallRecord> emitted = new HashMap<>();
            for (KeyValue<String, CallRecord> kv : fold.emitted()) {
                assertThat(emitted.put(kv.key, kv.value)).as("one record for %s", kv.key).isNull();
            }

            calls.forEach((callId, facts) -> {
                CallRecordFolder.Folded expected = CallRecordFolder.fold(FoldDriver.APP, callId, facts, false);
                CallRecord got = emitted.get(FoldDriver.key(callId));
                if (expected.complete()) {
                    assertThat(got).as(callId).isNotNull();
                    assertThat(CallRecord.newBuilder(got).setRevision(0).build()).as(callId).isEqualTo(expected.record());
                    assertThat(got.getRevision()).isEqualTo(1);
                } else {
                    assertThat(got).as("%s is open until the idle timeout", callId).isNull();
                }
            });
        }
    }
}
