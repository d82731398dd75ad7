package io.callstream.topology.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.local.LocalRecordQueries;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The one definition of the records' order: start time, then call id. */
class CursorTest {

    @Test
    void theOrderIsStartTimeThenCallId() {
        List<Cursor> sorted = Stream.of(new Cursor(200, "a"), new Cursor(100, "b"), new Cursor(100, "a"),
                new Cursor(0, "z")).sorted(Cursor.ORDER).toList();
        assertThat(sorted).containsExactly(new Cursor(0, "z"), new Cursor(100, "a"), new Cursor(100, "b"),
                new Cursor(200, "a"));
    }

    @Test
    void aPositionComparesToACursorInThatOrder() {
        Cursor at = new Cursor(100, "m");
        assertThat(Cursor.compare(99, "z", at)).isNegative();
        assertThat(Cursor.compare(100, "a", at)).isNegative();
        assertThat(Cursor.compare(100, "m", at)).isZero();
        assertThat(Cursor.compare(100, "n", at)).isPositive();
        assertThat(Cursor.compare(101, "a", at)).isPositive();
    }

    @Test
    void recordsAreOrderedByTheirPositionsAnUnknownStartCountingAsZero() {
        CallRecord unknownStart = TestRecords.record(1, "c", 0).setStartCallTs(null).build();
        CallRecord early = TestRecords.record(1, "b", 100).build();
        CallRecord sameStartLaterId = TestRecords.record(1, "d", 100).build();
        CallRecord zero = TestRecords.record(1, "d", 0).build();
        List<CallRecord> sorted = Stream.of(sameStartLaterId, early, zero, unknownStart)
                .sorted(LocalRecordQueries.ORDER).toList();
        assertThat(sorted).containsExactly(unknownStart, zero, early, sameStartLaterId);
        assertThat(Cursor.of(unknownStart)).isEqualTo(new Cursor(0, "c"));
    }
}
