package io.callstream.topology.query.index;

import static io.callstream.topology.record.Facts.group;
import static io.callstream.topology.record.Facts.of;
import static io.callstream.topology.record.Facts.withRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.topology.FoldDriverAccess;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.query.Cursor;
import io.callstream.topology.query.QueryDeadline;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.query.local.LocalRecordQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The query stores kept by the topology (issue #5), read as one instance reads its own; R4, R6 and R9. */
class RecordIndexTest {

    private static final long APP = FoldDriverAccess.APP;
    private final FoldDriverAccess fold = new FoldDriverAccess();

    @AfterEach
    void close() {
        fold.close();
    }

    private static List<CallFact> connected(String caller, String callee, long t) {
        return List.of(of("caller_start_call", caller, t), of("callee_accept_call", callee, t + 5),
                of("caller_call_end", caller, t + 60), of("callee_call_end", callee, t + 61));
    }

    private static List<CallFact> rejected(String caller, String callee, long t) {
        return List.of(of("caller_start_call", caller, t), of("callee_reject_call", callee, t + 3));
    }

    /** A scan past its query's deadline stops and says "retry": its caller answered so already, and waits no more. */
    @Test
    void aScanPastItsDeadlineStopsAndSaysRetry() {
        for (int i = 0; i < 2_500; i++) {
            fold.send("call-" + i, rejected("u" + (i % 7), "v" + (i % 5), 1_000_000 + i));
        }
        fold.advance(Duration.ofSeconds(4));
        RecordFilter within = RecordFilter.between(APP, 1_000_000, 1_003_000); // no whole hour: every entry is scanned

        assertThatThrownBy(() -> fold.queries(QueryDeadline.after(Duration.ZERO)).records(within, null, 10))
                .isInstanceOf(QueryUnavailableException.class).hasMessageContaining("deadline");
        assertThat(fold.queries(QueryDeadline.after(Duration.ofMinutes(1))).records(within, null, 10).total()).isEqualTo(2_500);
        assertThat(fold.queries().records(within, null, 10).total()).isEqualTo(2_500);
    }

    @Test
    void timeRangeQueriesAreOrderedCountedAndFilteredWithoutMissingOrRepeatingRecords() {
        Random random = new Random(5);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long t = 1_000_000 + random.nextInt(5_000);
            starts.add(t);
            fold.send("call-" + i, i % 3 == 0 ? rejected("u" + (i % 7), "v" + (i % 5), t) : connected("u" + (i % 7), "v" + (i % 5), t));
        }
        fold.advance(Duration.ofSeconds(4));

        RecordFilter all = RecordFilter.between(APP, 0, Long.MAX_VALUE / 2);
        LocalRecordQueries.Slice everything = fold.queries().records(all, null, 1_000);
        assertThat(everything.total()).isEqualTo(120);
        assertThat(everything.records()).isSortedAccordingTo(LocalRecordQueries.ORDER);

        // Paging with a cursor visits every record once, in order, in either direction.
        for (boolean descending : new boolean[] {false, true}) {
            List<String> seen = new ArrayList<>();
            Cursor after = null;
            do {
                LocalRecordQueries.Slice page = fold.queries().records(all.descending(descending), after, 7);
                page.records().forEach(r -> seen.add(r.getCallId()));
                CallRecord last = page.records().isEmpty() ? null : page.records().get(page.records().size() - 1);
                after = page.records().size() < 7 ? null : Cursor.of(last);
            } while (after != null);
            List<String> expected = new ArrayList<>(everything.records().stream().map(CallRecord::getCallId).toList());
            if (descending) {
                java.util.Collections.reverse(expected);
            }
            assertThat(seen).as("descending=%s", descending).containsExactlyElementsOf(expected);
        }

        // Bounds are inclusive; filters are exact against a brute-force scan of every record.
        long from = 1_001_000;
        long to = 1_003_000;
        RecordFilter range = RecordFilter.between(APP, from, to);
        assertMatchesBruteForce(range, everything.records());
        assertMatchesBruteForce(range.withResults(Set.of(CallResult.reject)), everything.records());
        assertMatchesBruteForce(range.withCallType("single").withResults(Set.of(CallResult.normal_end)), everything.records());
        assertMatchesBruteForce(range.withUserId("v3"), everything.records());
        assertMatchesBruteForce(all.withUserId("u2").descending(true), everything.records());
        assertMatchesBruteForce(all.withCallId("call-42"), everything.records());
        assertThat(fold.queries().records(RecordFilter.between(APP + 1, 0, Long.MAX_VALUE / 2), null, 10).total())
                .as("another app's records are not this app's").isZero();
    }

    @Test
    void totalsFromTheHourlyCountsEqualABruteForceCountForAnyRangeAndFilter() {
        Random random = new Random(9);
        for (int i = 0; i < 300; i++) { // over about 30 hours, so that ranges hold whole hours and partial ones
            long t = 2_000_000 + random.nextInt(30 * 3600);
            fold.send("call-" + i, i % 3 == 0 ? rejected("u" + (i % 7), "v" + (i % 5), t) : connected("u" + (i % 7), "v" + (i % 5), t));
        }
        fold.advance(Duration.ofSeconds(4));
        // Revisions move records between hours and change their summary: the counts must follow.
        fold.send("call-0", withRole(of("caller_start_call", "u0", 1_999_000), "caller"));
        fold.send("call-1", withRole(of("caller_start_call", "u1", 1_998_000), "caller"));
        fold.advance(Duration.ofSeconds(4));
        List<CallRecord> every = fold.queries().records(RecordFilter.between(APP, 0, Long.MAX_VALUE), null, 1_000).records();
        assertThat(every).hasSize(300);

        for (int i = 0; i < 200; i++) {
            long from = 1_995_000 + random.nextInt(40 * 3600);
            long to = from + random.nextInt(i % 2 == 0 ? 3 * 3600 : 20 * 3600);
            RecordFilter filter = RecordFilter.between(APP, from, to);
            if (i % 4 == 1) {
                filter = filter.withResults(Set.of(CallResult.reject));
            } else if (i % 4 == 2) {
                filter = filter.withCallType("single").withResults(Set.of(CallResult.normal_end));
            }
            RecordFilter f = filter;
            long expected = every.stream().filter(f::matches).count();
            assertThat(fold.queries().records(f, null, 3).total()).as("%s", f).isEqualTo(expected);
            assertThat(fold.queries().records(f.descending(true), null, 3).total()).as("%s", f).isEqualTo(expected);
        }
    }

    private void assertMatchesBruteForce(RecordFilter filter, List<CallRecord> every) {
        List<CallRecord> expected = every.stream().filter(filter::matches)
                .sorted(filter.descending() ? LocalRecordQueries.ORDER.reversed() : LocalRecordQueries.ORDER).toList();
        LocalRecordQueries.Slice got = fold.queries().records(filter, null, 1_000);
        assertThat(got.total()).as("%s", filter).isEqualTo(expected.size());
        assertThat(got.records()).as("%s", filter).containsExactlyElementsOf(expected);
        assertThat(expected).as("the filter %s selects something", filter).isNotEmpty();
    }

    @Test
    void aRevisionThatMovesTheStartOrAddsPeopleReplacesItsIndexEntries() { // R6 revisions
        fold.send("c1", connected("alice", "bob", 2_000));
        fold.advance(Duration.ofSeconds(4));
        fold.send("c1", withRole(of("caller_start_call", "alice", 1_990), "caller")); // an earlier start, arriving late
        fold.send("c1", group("invite_user", "carol", 2_001));
        fold.advance(Duration.ofSeconds(4));

        RecordFilter all = RecordFilter.between(APP, 0, 10_000);
        LocalRecordQueries.Slice slice = fold.queries().records(all, null, 10);
        assertThat(slice.total()).isEqualTo(1);
        assertThat(slice.records().get(0).getStartCallTs()).isEqualTo(1_990L);
        assertThat(slice.records().get(0).getRevision()).isEqualTo(2);
        assertThat(fold.queries().records(RecordFilter.between(APP, 1_995, 10_000), null, 10).total())
                .as("no entry left at the old start").isZero();
        assertThat(fold.queries().records(all.withUserId("carol"), null, 10).total()).isEqualTo(1);
        assertThat(fold.queries().record(APP, "c1")).get().extracting(CallRecord::getRevision).isEqualTo(2);
    }

    @Test
    void callsInProgressAreListedWithWhatIsKnownUntilTheirRecordIsEmitted() {
        fold.send("open-1", List.of(of("caller_start_call", "alice", 100), of("callee_accept_call", "bob", 104)));
        fold.send("open-2", List.of(of("caller_start_call", "carol", 200)));
        fold.send("done", rejected("dave", "erin", 300));

        LocalRecordQueries.Slice open = fold.queries().openCalls(APP, null, 10);
        assertThat(open.records()).extracting(CallRecord::getCallId).containsExactly("done", "open-2", "open-1"); // newest first
        CallRecord first = fold.queries().openCall(APP, "open-1").orElseThrow();
        assertThat(first.getClosedBy()).isNull();
        assertThat(first.getAcceptTs()).isEqualTo(104L);
        assertThat(first.getCallees()).containsExactly("bob");
        assertThat(fold.queries().record(APP, "open-1")).isEmpty();

        fold.advance(Duration.ofSeconds(4)); // "done" settles and is emitted
        assertThat(fold.queries().openCalls(APP, null, 10).records()).extracting(CallRecord::getCallId).containsExactly("open-2", "open-1");
        assertThat(fold.queries().openCall(APP, "done")).isEmpty();
        assertThat(fold.queries().record(APP, "done")).isPresent();
    }

    @Test
    void aRecordOlderThanTheRetentionIndexedAfterASweepLeavesAtTheNext() { // R9
        fold.advance(Duration.ofMinutes(2)); // sweeps ran: the next one reads the time index from their cutoff on
        fold.send("late", connected("alice", "bob", FoldDriverAccess.START.minus(Duration.ofDays(100)).getEpochSecond()));
        fold.advance(Duration.ofSeconds(4));
        assertThat(fold.queries().record(APP, "late")).as("emitted and indexed").isPresent();

        fold.advance(Duration.ofMinutes(1));
        assertThat(fold.queries().record(APP, "late")).isEmpty();
        assertThat(fold.queries().records(RecordFilter.between(APP, 0, Long.MAX_VALUE / 2), null, 10).total()).isZero();
    }

    @Test
    void recordsLeaveEveryStoreAfterTheRetention() { // R9
        fold.send("old", connected("alice", "bob", FoldDriverAccess.START.getEpochSecond()));
        fold.advance(Duration.ofSeconds(4));
        assertThat(fold.queries().record(APP, "old")).isPresent();

        fold.advance(Duration.ofDays(90).plusMinutes(2));
        assertThat(fold.queries().record(APP, "old")).isEmpty();
        assertThat(fold.queries().records(RecordFilter.between(APP, 0, Long.MAX_VALUE / 2), null, 10).total()).isZero();
        assertThat(fold.queries().records(RecordFilter.between(APP, 0, Long.MAX_VALUE / 2).withUserId("bob"), null, 10).total())
                .isZero();
    }
}
