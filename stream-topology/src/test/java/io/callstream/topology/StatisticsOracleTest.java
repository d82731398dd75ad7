package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.emulator.truth.ConcurrencyOracle;
import io.callstream.emulator.truth.DailyOracle;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.CallScenarios;
import io.callstream.topology.stats.StatsZone;
import io.callstream.topology.stats.processor.StatsStores;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R7 and R8 through the real topology: thousands of overlapping calls, their callbacks shuffled and retried, some
 * held back until after their record (revisions), some calls closed by the idle timeout and then ended by a late
 * callback (revised from unknown to their real result). The latest window of every key on the concurrency topic must
 * equal a brute-force per-second sweep over the final records, and the latest day of every key on the daily topic a
 * direct count (the emulator's oracles), in UTC, in Asia/Shanghai and in America/New_York across its change from
 * daylight-saving time (2026-11-01 06:00 UTC, a day of 25 hours).
 */
class StatisticsOracleTest {

    private static final Instant FIRST_START = Instant.parse("2026-10-31T14:00:00Z");
    private static final int SPREAD_SECONDS = 20 * 3600; // past midnight in each zone, and New York's clock change
    private static final int CALLS = 4_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTC", "Asia/Shanghai", "America/New_York"})
    void everyWindowAndDayEqualsTheOracleOverTheFinalRecords(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Random random = new Random(20261202L + zoneId.hashCode());
        CallScenarios scenarios = new CallScenarios(random);
        List<Map.Entry<String, CallFact>> now = new ArrayList<>();
        List<Map.Entry<String, CallFact>> afterRecord = new ArrayList<>();
        List<Map.Entry<String, CallFact>> afterTimeout = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            CallScenarios.Scenario s = scenarios.next().startingAt(FIRST_START.getEpochSecond() + random.nextInt(SPREAD_SECONDS));
            List<CallFact> facts = new ArrayList<>(s.facts());
            int fate = random.nextInt(20);
            if (fate < 2 && facts.size() > 2) { // one callback comes after the record: a revision, or a retry of nothing
                afterRecord.add(Map.entry(s.callId(), facts.remove(1 + random.nextInt(facts.size() - 1))));
            } else if (fate == 2 && s.complete() && s.acceptTs() > 0 && s.callId().startsWith("c")) {
                // the ends come after the idle timeout closed the call as unknown
                List<CallFact> ends = facts.subList(4, facts.size());
                ends.forEach(f -> afterTimeout.add(Map.entry(s.callId(), f)));
                ends.clear();
            }
            for (CallFact f : facts) {
                now.add(Map.entry(s.callId(), f));
                if (random.nextInt(10) == 0) {
                    now.add(Map.entry(s.callId(), f)); // retried
                }
            }
        }
        Collections.shuffle(now, random);
        Collections.shuffle(afterRecord, random);

        TopologyConfig config = TopologyConfig.defaults().withStats(TopologyConfig.defaults().stats().withZone(new StatsZone(zone)));
        try (FoldDriver fold = new FoldDriver(config)) {
            now.forEach(a -> fold.send(a.getKey(), a.getValue()));
            fold.advance(Duration.ofSeconds(5));
            afterRecord.forEach(a -> fold.send(a.getKey(), a.getValue()));
            fold.advance(Duration.ofSeconds(5));
            fold.advance(TopologyConfig.DEFAULT_IDLE_TIMEOUT.plusMinutes(1));
            afterTimeout.forEach(a -> fold.send(a.getKey(), a.getValue()));
            fold.advance(Duration.ofSeconds(5));
            fold.advance(Duration.ofSeconds(5)); // the last publication

            Map<String, CallRecord> records = latest(fold.records.readRecordsToList());
            List<CallRecord> finalRecords = List.copyOf(records.values());
            assertThat(finalRecords).as("records revised").anyMatch(r -> r.getRevision() > 1);
            assertThat(finalRecords).as("records revised after a timeout").anyMatch(r -> r.getRevision() > 1
                    && r.getClosedBy() == ClosedBy.complete && fold.records != null);
            assertThat(finalRecords).as("calls closed by the timeout").anyMatch(r -> r.getClosedBy() == ClosedBy.timeout);

            List<TestRecord<String, ConcurrencyWindow>> windowUpdates = fold.concurrency.readRecordsToList();
            assertThat(windowUpdates).as("windows revised").anyMatch(r -> r.getValue() != null && r.getValue().getRevision() > 1);
            Map<String, ConcurrencyWindow> windows = normalizedWindows(latest(windowUpdates));
            Map<String, ConcurrencyWindow> expectedWindows = normalizedWindows(byKey(
                    ConcurrencyOracle.windows(FoldDriver.APP, finalRecords, zone), w -> StatsStores.windowTopicKey(
                            w.getSdkAppId(), w.getScope(), w.getGranularity(), w.getWindowStartTs())));
            assertThat(expectedWindows).hasSizeGreaterThan(1_000);
            assertThat(windows).isEqualTo(expectedWindows);

            Map<String, DailyStats> days = latest(fold.daily.readRecordsToList());
            Map<String, DailyStats> expectedDays = byKey(DailyOracle.days(FoldDriver.APP, finalRecords,
                    ConcurrencyOracle.windows(FoldDriver.APP, finalRecords, zone), zone),
                    d -> StatsStores.dayTopicKey(d.getSdkAppId(), d.getScope(), LocalDate.parse(d.getDay())));
            assertThat(days.values()).allSatisfy(d -> assertThat(d.getParticipantsSketch()).isNotNull());
            assertThat(normalizedDays(days)).isEqualTo(normalizedDays(expectedDays));
        }
    }

    /** The latest value of each key, a tombstone removing it (as a compacted topic's reader sees it). */
    static <V> Map<String, V> latest(List<TestRecord<String, V>> updates) {
        Map<String, V> latest = new TreeMap<>();
        for (TestRecord<String, V> r : updates) {
            if (r.getValue() == null) {
                latest.remove(r.getKey());
            } else {
                latest.put(r.getKey(), r.getValue());
            }
        }
        return latest;
    }

    static <V> Map<String, V> byKey(List<V> values, Function<V, String> key) {
        Map<String, V> map = new TreeMap<>();
        values.forEach(v -> assertThat(map.put(key.apply(v), v)).as("one value per key").isNull());
        return map;
    }

    /** Revisions count publications, which the oracle has no notion of. */
    static Map<String, ConcurrencyWindow> normalizedWindows(Map<String, ConcurrencyWindow> windows) {
        Map<String, ConcurrencyWindow> out = new TreeMap<>();
        windows.forEach((k, w) -> out.put(k, ConcurrencyWindow.newBuilder(w).setRevision(0).build()));
        return out;
    }

    /** Revisions aside, and the sketch (the oracle counts exactly; the sketch's count is the participants). */
    static Map<String, DailyStats> normalizedDays(Map<String, DailyStats> days) {
        Map<String, DailyStats> out = new TreeMap<>();
        days.forEach((k, d) -> out.put(k, DailyStats.newBuilder(d).setRevision(0).setParticipantsSketch(null).build()));
        return out;
    }

    static Map<String, CallRecord> records(List<CallRecord> list) {
        Map<String, CallRecord> map = new HashMap<>();
        list.forEach(r -> map.put(r.getCallId(), r));
        return map;
    }
}
