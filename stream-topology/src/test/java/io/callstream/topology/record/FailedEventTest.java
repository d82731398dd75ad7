package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.topology.TopologyConfig;
import io.callstream.topology.fold.CallFact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event whose processing fails goes to the dead-letter topic ({@code PROCESSING_FAILED}), and is no fact of its
 * call: the event log, where the table put it before the fold ran, forgets it, so that reading the call back does not
 * take it in either (R2).
 */
class FailedEventTest {

    private static final long T = 1_795_420_800L;
    private static final long WALL = T * 1000;

    @Test
    void anEventWhoseProcessingFailedIsForgottenByTheEventLog() {
        ProcessorHarness harness = new ProcessorHarness(TopologyConfig.defaultLimits(), new FoldListener() {
            @Override
            public void duplicate() {
                throw new IllegalStateException("a failure while folding");
            }
        });
        CallRecordProcessor fold = harness.start(WALL);
        CallFact start = Facts.of("caller_start_call", "alice", T);
        harness.send(fold, "c1", List.of(start), WALL);

        assertThatThrownBy(() -> harness.send(fold, "c1", List.of(start), WALL + 1))
                .isInstanceOf(IllegalStateException.class);
        List<Long> arrivals = new ArrayList<>();
        try (var all = harness.events().all()) {
            all.forEachRemaining(kv -> arrivals.add(kv.value.timestamp()));
        }
        assertThat(arrivals).as("the first event only").containsExactly(WALL);
        fold.close();
    }
}
