package io.callstream.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.testkit.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Comparisons of what the pipeline wrote with the emulator's ground truth, shared by the end-to-end tests. Topics are
 * read as a downstream consumer reads them: committed data only ({@link KafkaCluster#readAll} reads
 * {@code read_committed}).
 */
final class GroundTruthChecks {

    private GroundTruthChecks() {
    }

    /** The latest revision of each call's record, numbered 1 like the ground truth's (the revision is not compared). */
    static Map<String, CallRecord> latestRecords(KafkaCluster kafka, String topic) {
        Map<String, CallRecord> latest = new HashMap<>();
        kafka.readAll(topic, new StringDeserializer(), CallstreamSerdes.callRecord().deserializer())
                .forEach(r -> latest.put(r.key(), CallRecord.newBuilder(r.value()).setRevision(1).build()));
        return latest;
    }

    /**
     * R6: each call's revisions on the records topic are 1, 2, ... in order, none emitted twice and none missing.
     *
     * @return how many calls were revised (more than one revision)
     */
    static long assertRevisionsCountUp(KafkaCluster kafka, String topic) {
        Map<String, List<Integer>> revisions = new HashMap<>();
        kafka.readAll(topic, new StringDeserializer(), CallstreamSerdes.callRecord().deserializer())
                .forEach(r -> revisions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getRevision()));
        revisions.forEach((key, revs) -> assertThat(revs).as("revisions of %s, in order, none twice, none missing", key)
                .isEqualTo(IntStream.rangeClosed(1, revs.size()).boxed().toList()));
        return revisions.values().stream().filter(revs -> revs.size() > 1).count();
    }

    @FunctionalInterface
    interface Read<T> {
        T get() throws Exception;
    }

    /** Reads until {@code actual} equals {@code expected} or the time is up, then asserts, listing the differences. */
    static <V> void awaitSame(String what, Map<String, V> expected, Read<Map<String, V>> actual, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, V> last = actual.get();
        while (!last.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            last = actual.get();
        }
        assertSame(what, expected, last);
    }

    static <V> void assertSame(String what, Map<String, V> expected, Map<String, V> actual) {
        if (actual.equals(expected)) {
            return;
        }
        Set<String> missing = new HashSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        Set<String> extra = new HashSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        List<String> different = expected.keySet().stream()
                .filter(k -> actual.containsKey(k) && !Objects.equals(expected.get(k), actual.get(k))).sorted().toList();
        Function<Set<String>, List<String>> some = keys -> keys.stream().sorted().limit(5).toList();
        StringBuilder message = new StringBuilder(what + " differ from the ground truth: " + missing.size() + " missing "
                + some.apply(missing) + ", " + extra.size() + " extra " + some.apply(extra) + ", " + different.size()
                + " different");
        different.stream().limit(5).forEach(k -> message.append("\n  ").append(k).append("\n    expected ")
                .append(expected.get(k)).append("\n    actual   ").append(actual.get(k)));
        throw new AssertionError(message.toString());
    }
}
