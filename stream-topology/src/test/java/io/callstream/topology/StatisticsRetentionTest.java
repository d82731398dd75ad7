package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.DailyStats;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.Facts;
import io.callstream.topology.stats.processor.StatsListener;
import io.callstream.topology.stats.processor.StatsStores;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * R9 for the statistics: what is older than their retention leaves every store; a day's participants are kept one by
 * one only while a revision may still take one out (the revision horizon), its sketch for the whole retention.
 */
class StatisticsRetentionTest {

    private static final long T = FoldDriver.START.getEpochSecond();

    private static List<CallFact> call(String caller, String callee, long start) {
        return List.of(Facts.of("caller_start_call", caller, start), Facts.of("callee_accept_call", callee, start + 5),
                Facts.of("caller_call_accepted", caller, start + 5), Facts.of("caller_call_end", caller, start + 65),
                Facts.of("callee_call_end", callee, start + 65));
    }

    private static void settleAndPublish(FoldDriver fold) {
        fold.advance(TopologyConfig.DEFAULT_SETTLE_DELAY.plusSeconds(1));
        fold.advance(StatsConfig.DEFAULT_PUBLISH_EVERY.plusSeconds(1));
    }

    private static long size(FoldDriver fold, String store) {
        KeyValueStore<String, Object> s = fold.driver.getKeyValueStore(store);
        long n = 0;
        try (KeyValueIterator<String, Object> it = s.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void everythingOlderThanTheRetentionLeavesTheStores() {
        StatsConfig month = StatsConfig.defaults();
        month = new StatsConfig(true, month.zone(), StatsConfig.MIN_RETENTION, month.publishEvery(), month.maxSpan(),
                month.concurrencyTopic(), month.dailyTopic(), month.listener());
        try (FoldDriver fold = new FoldDriver(TopologyConfig.defaults().withStats(month))) {
            fold.send("old", call("alice", "bob", T - 3600));
            settleAndPublish(fold);
            for (String store : List.of(StatsStores.SECOND_COUNTS, StatsStores.WINDOWS, StatsStores.DAILY,
                    StatsStores.DAY_SKETCHES, StatsStores.DAY_USERS)) {
                assertThat(size(fold, store)).as(store).isPositive();
            }

            fold.advance(StatsConfig.MIN_RETENTION.plusDays(1)); // the hourly sweep runs at the next publication
            fold.advance(Duration.ofHours(2));
            for (String store : List.of(StatsStores.SECOND_COUNTS, StatsStores.WINDOWS, StatsStores.DAILY,
                    StatsStores.DAY_SKETCHES, StatsStores.DAY_USERS, StatsStores.PENDING)) {
                assertThat(size(fold, store)).as(store).isZero();
            }
        }
    }

    /**
     * A day's users are kept until a day after it ends, its sketch for the retention: a late call of the day, after
     * that, still adds its new participant, counted once with the others; its user is kept until the next sweep after
     * the sketch holds it.
     */
    @Test
    void aDayEndedLongAgoKeepsItsSketchAndTakesLateJoins() {
        AtomicInteger notApplied = new AtomicInteger();
        StatsConfig counted = StatsConfig.defaults().withListener(new StatsListener() {
            @Override
            public void removalNotApplied() {
                notApplied.incrementAndGet();
            }
        });
        try (FoldDriver fold = new FoldDriver(TopologyConfig.defaults().withStats(counted))) {
            fold.send("c1", call("alice", "bob", T - 600));
            settleAndPublish(fold);
            assertThat(size(fold, StatsStores.DAY_USERS)).isEqualTo(2);

            fold.advance(Duration.ofDays(3)); // the day's users are dropped at the next hourly sweep
            fold.advance(Duration.ofHours(2));
            assertThat(size(fold, StatsStores.DAY_USERS)).isZero();
            assertThat(size(fold, StatsStores.DAY_SKETCHES)).as("single and all").isEqualTo(2);

            // c2 started that day too, and reaches the fold only now: its new participant joins the day.
            fold.send("c2", call("carol", "bob", T - 300));
            settleAndPublish(fold);
            DailyStats day = StatisticsOracleTest.latest(fold.daily.readRecordsToList()).get(FoldDriver.APP + "/all/2026-11-23");
            assertThat(day.getCalls()).isEqualTo(2);
            assertThat(day.getParticipants()).as("alice, bob and carol").isEqualTo(3);
            fold.advance(Duration.ofHours(2));
            assertThat(size(fold, StatsStores.DAY_USERS)).as("the late users, once the sketch holds them").isZero();
            assertThat(notApplied).hasValue(0);
        }
    }

    /**
     * R8's defined effect when a revision moves a call to another day: its calls, results and talk time move exactly,
     * its participants join the new day and stay counted in the old one too (a sketch cannot take them out), which the
     * statistics count as removals not applied.
     */
    @Test
    void aCallMovedToTheDayBeforeMovesItsFiguresAndLeavesItsParticipantsCounted() {
        AtomicInteger notApplied = new AtomicInteger();
        StatsConfig counted = StatsConfig.defaults().withListener(new StatsListener() {
            @Override
            public void removalNotApplied() {
                notApplied.incrementAndGet();
            }
        });
        long midnight = java.time.Instant.parse("2026-11-23T00:00:00Z").getEpochSecond();
        try (FoldDriver fold = new FoldDriver(TopologyConfig.defaults().withStats(counted))) {
            fold.send("moved", List.of(Facts.of("callee_accept_call", "bob", midnight + 20),
                    Facts.of("caller_call_accepted", "alice", midnight + 20), Facts.of("caller_call_end", "alice", midnight + 80),
                    Facts.of("callee_call_end", "bob", midnight + 80)));
            fold.send("stays", call("carol", "dave", midnight + 600));
            settleAndPublish(fold);
            fold.send("moved", Facts.of("caller_start_call", "alice", midnight - 10)); // late: it started the day before
            settleAndPublish(fold);

            var days = StatisticsOracleTest.latest(fold.daily.readRecordsToList());
            DailyStats before = days.get(FoldDriver.APP + "/all/2026-11-22");
            DailyStats after = days.get(FoldDriver.APP + "/all/2026-11-23");
            assertThat(before.getCalls()).isEqualTo(1);
            assertThat(before.getParticipants()).isEqualTo(2);
            assertThat(after.getCalls()).as("moved exactly").isEqualTo(1);
            assertThat(after.getTotalTalkSec()).isEqualTo(60);
            assertThat(after.getParticipants()).as("alice and bob stay counted with carol and dave").isEqualTo(4);
            assertThat(notApplied).as("alice and bob, in single and in all").hasValue(4);
        }
    }
}
