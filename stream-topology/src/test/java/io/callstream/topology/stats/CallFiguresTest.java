package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallScope;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.Participant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What one record counts for in R7 and R8. */
class CallFiguresTest {

    private static final long T = 1_700_000_000L;

    private static CallRecord record(String callType, List<String> joined, CallResult result) {
        List<Participant> participants = joined.stream().map(u -> new Participant(u, T + 12, T + 136, "iOS", 124L)).toList();
        return new CallRecord(1L, "c", "video", "8841", callType, "alice", List.of("bob"), participants, 2, T, T + 12,
                T + 136, 124L, result, null, ClosedBy.complete, 1, 7);
    }

    @Test
    void ofARecord() {
        CallFigures f = CallFigures.of(record("single", List.of("alice", "bob"), CallResult.normal_end));

        assertThat(f).isEqualTo(new CallFigures(CallScope.single, T, T + 12, T + 136, "normal_end", 124, List.of("alice", "bob")));
    }

    /** R4, R8: a user counts once per call, however the record lists them. */
    @Test
    void participantsAreDistinctInTheirFirstOrder() {
        CallFigures f = CallFigures.of(record("group", List.of("carol", "alice", "carol", "bob", "alice"), null));

        assertThat(f.participants()).containsExactly("carol", "alice", "bob");
        assertThat(f.result()).isNull();
        assertThat(new CallFigures(null, null, 0, null, null, 0, List.of("x", "x")).participants()).containsExactly("x");
    }

    @Test
    void theCallTypePicksTheScope() {
        assertThat(CallFigures.of(record("single", List.of(), null)).type()).isEqualTo(CallScope.single);
        assertThat(CallFigures.of(record("group", List.of(), null)).type()).isEqualTo(CallScope.group);
        assertThat(CallFigures.of(record("conference", List.of(), null)).type()).isNull();
        assertThat(CallFigures.of(record(null, List.of(), null)).type()).isNull();
        assertThat(CallFigures.typeOf("all")).isNull();
        assertThat(CallFigures.typeOf("Single")).as("the vendor's values are lower case").isNull();
    }

    @Test
    void aCallCountsInItsTypesScopeAndInAll() {
        assertThat(figures(CallScope.single, T, T + 1).scopes()).isEqualTo(Set.of(CallScope.single, CallScope.all));
        assertThat(figures(CallScope.group, T, T + 1).scopes()).isEqualTo(Set.of(CallScope.group, CallScope.all));
        assertThat(figures(null, T, T + 1).scopes()).isEqualTo(Set.of(CallScope.all));
        for (CallScope scope : CallScope.values()) {
            for (CallScope type : new CallScope[] {CallScope.single, CallScope.group, null}) {
                assertThat(figures(type, T, T + 1).counts(scope)).as("%s in %s", type, scope)
                        .isEqualTo(figures(type, T, T + 1).scopes().contains(scope));
            }
        }
    }

    @Test
    void aCallsTypeIsNeverAll() {
        assertThatThrownBy(() -> figures(CallScope.all, T, T + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** R7: in progress during [acceptTs, endTs) of an accepted call with a known end. */
    @Test
    void inProgressOnlyWhenAcceptedAndEndedAfterTheAccept() {
        assertThat(figures(CallScope.single, T, T + 1).wasInProgress()).isTrue();
        assertThat(figures(CallScope.single, 0, T + 1).wasInProgress()).as("never accepted").isFalse();
        assertThat(figures(CallScope.single, T, null).wasInProgress()).as("no end").isFalse();
        assertThat(figures(CallScope.single, T, T).wasInProgress()).as("ended as accepted").isFalse();
        assertThat(figures(CallScope.single, T, T - 5).wasInProgress()).as("ended before accepted").isFalse();
        assertThat(figures(CallScope.single, 0, T + 1).connected()).isFalse();
        assertThat(figures(CallScope.single, T, null).connected()).isTrue();
    }

    private static CallFigures figures(CallScope type, long accept, Long end) {
        return new CallFigures(type, T, accept, end, "normal_end", 0, List.of());
    }
}
