package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.fold.CallFact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R6 across restarts, for calls whose state the fold does not write ({@link OpenCallSchedule}): a fold restarted on
 * its stores at random points, keeping one call decoded, emits the same records at the same moments as a fold that
 * never restarts and keeps every call decoded. So what is worked out from a call's facts is what the fold held.
 */
class OpenCallRestartPropertiesTest {

    private static final long WALL = 1_763_000_000_000L;
    private static final long PUNCTUATE_EVERY_MS = 250;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aRestartedFoldEmitsWhatAnUninterruptedOneDoes(long seed) {
        Random random = new Random(seed);
        CallScenarios scenarios = new CallScenarios(random);
        List<Map.Entry<String, CallFact>> arrivals = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            CallScenarios.Scenario s = scenarios.next();
            for (CallFact f : s.facts()) {
                arrivals.add(Map.entry(s.callId(), f));
                if (random.nextInt(5) == 0) {
                    arrivals.add(Map.entry(s.callId(), f)); // retried
                }
            }
        }
        Collections.shuffle(arrivals, random);
        long[] gaps = random.longs(arrivals.size(), 0, 400).toArray(); // wall-clock ms before each arrival
        boolean[] restarts = new boolean[arrivals.size()];
        for (int i = 0; i < restarts.length; i++) {
            restarts[i] = random.nextInt(25) == 0;
        }

        List<String> uninterrupted = run(arrivals, gaps, new boolean[arrivals.size()], 100_000);
        List<String> restarted = run(arrivals, gaps, restarts, 1);

        assertThat(uninterrupted).as("some calls settle, some time out").hasSizeGreaterThan(100);
        assertThat(restarted).containsExactlyElementsOf(uninterrupted);
    }

    /** What the fold emits, each as "<wall ms> <record>", punctuated as Kafka Streams would every 250 ms. */
    private static List<String> run(List<Map.Entry<String, CallFact>> arrivals, long[] gaps, boolean[] restarts, int cachedCalls) {
        ProcessorHarness harness = new ProcessorHarness();
        List<String> emitted = new ArrayList<>();
        long now = WALL;
        long nextPunctuation = now + PUNCTUATE_EVERY_MS;
        CallRecordProcessor fold = harness.start(now, cachedCalls);
        for (int i = 0; i < arrivals.size(); i++) {
            now += gaps[i];
            while (nextPunctuation <= now) {
                harness.punctuate(nextPunctuation);
                record(harness, nextPunctuation, emitted);
                nextPunctuation += PUNCTUATE_EVERY_MS;
            }
            if (restarts[i]) {
                fold.close();
                fold = harness.start(now, cachedCalls); // the same stores, as restored
            }
            harness.send(fold, arrivals.get(i).getKey(), List.of(arrivals.get(i).getValue()), now);
        }
        for (int i = 0; i < 40; i++) { // every settle delay passes
            harness.punctuate(nextPunctuation);
            record(harness, nextPunctuation, emitted);
            nextPunctuation += PUNCTUATE_EVERY_MS;
        }
        long idle = nextPunctuation + Duration.ofHours(7).toMillis(); // and every idle timeout
        harness.punctuate(idle);
        record(harness, idle, emitted);
        fold.close();
        return emitted;
    }

    private static void record(ProcessorHarness harness, long at, List<String> emitted) {
        for (CallRecord r : harness.emitted()) {
            emitted.add(at + " " + r);
        }
    }
}
