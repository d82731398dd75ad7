package io.callstream.topology.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.EventKind;
import io.callstream.schemas.Participant;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.fold.CallRecordFolder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/record-rules.md, exactly as written there, so that the documentation stays true. */
class RecordRulesExamplesTest {

    private static final long T = 1_700_000_000L;

    private static CallFact fact(String command, String user, String role, long time, String platform) {
        EventKind kind = io.callstream.schemas.CallbackCommand.kindOf(command);
        return new CallFact(command, kind, user, role, kind == EventKind.event ? command.replaceFirst("^(caller|callee)_", "") : null,
                kind == EventKind.status ? command : null, time, null, null, null, null, null, null, null, platform);
    }

    @Test
    void theOneToOneExample() {
        CallFact start = new CallFact("caller_start_call", EventKind.event, "alice", "caller", "start_call", null, T,
                null, null, null, 2, "video", "single", "8841", "iOS");
        CallFact status = new CallFact("normal_end", EventKind.status, "alice", "caller", null, "normal_end", T + 136,
                T, T + 12, T + 136, null, null, null, null, "iOS");
        List<CallFact> callbacks = List.of(start,
                fact("callee_receive_call", "bob", "callee", T + 2, "Android"),
                fact("callee_accept_call", "bob", "callee", T + 12, "Android"),
                fact("caller_call_accepted", "alice", "caller", T + 12, "iOS"),
                fact("caller_call_end", "alice", "caller", T + 136, "iOS"),
                fact("callee_call_end", "bob", "callee", T + 136, "Android"),
                status,
                status); // the sender's retry of #7

        CallRecord r = CallRecordFolder.fold(1400000001L, "c-1v1-example", callbacks, false).record();

        assertThat(r).isEqualTo(new CallRecord(1400000001L, "c-1v1-example", "video", "8841", "single", "alice",
                List.of("bob"),
                List.of(new Participant("alice", T + 12, T + 136, "iOS", 124L),
                        new Participant("bob", T + 12, T + 136, "Android", 124L)),
                2, T, T + 12, T + 136, 124L, CallResult.normal_end, null, ClosedBy.complete, 0, 7));
    }

    @Test
    void theRejectedVariant() {
        CallRecordFolder.Folded f = CallRecordFolder.fold(1L, "c", List.of(
                fact("caller_start_call", "alice", "caller", T, "iOS"),
                fact("callee_receive_call", "bob", "callee", T + 1, "Android"),
                fact("callee_reject_call", "bob", "callee", T + 6, "Android"),
                fact("caller_call_rejected", "alice", "caller", T + 6, "iOS"),
                fact("reject", "alice", "caller", T + 6, "iOS")), false);

        assertThat(f.record().getAcceptTs()).isZero();
        assertThat(f.record().getEndTs()).isEqualTo(T + 6);
        assertThat(f.record().getDurationSec()).isZero();
        assertThat(f.record().getParticipants()).isEmpty();
        assertThat(f.record().getCallResult()).isEqualTo(CallResult.reject);
        assertThat(f.record().getEventCount()).isEqualTo(5);
    }

    @Test
    void theGroupExample() {
        CallFact start = new CallFact("caller_start_call", EventKind.event, "alice", "caller", "start_call", null, T,
                null, null, null, 3, "video", "group", "g-1", "Web");
        List<CallFact> callbacks = List.of(start,
                fact("callee_receive_call", "bob", "callee", T + 1, "Android"),
                fact("callee_receive_call", "carol", "callee", T + 1, "iOS"),
                fact("callee_accept_call", "bob", "callee", T + 5, "Android"),
                fact("callee_accept_call", "carol", "callee", T + 20, "iOS"),
                fact("invite_user", "dave", null, T + 30, null),
                fact("callee_call_end", "bob", "callee", T + 65, "Android"),
                fact("callee_call_end", "carol", "callee", T + 90, "iOS"),
                fact("caller_call_end", "alice", "caller", T + 95, "Web"),
                fact("normal_end", "alice", "caller", T + 95, "Web"));

        CallRecordFolder.Folded f = CallRecordFolder.fold(1L, "g", callbacks, false);
        CallRecord r = f.record();

        assertThat(f.complete()).isTrue();
        assertThat(r.getParticipants()).containsExactly(
                new Participant("alice", T + 5, T + 95, "Web", 85L),
                new Participant("bob", T + 5, T + 65, "Android", 60L),
                new Participant("carol", T + 20, T + 90, "iOS", 70L));
        assertThat(r.getPeakParticipants()).isEqualTo(3);
        assertThat(r.getCallees()).containsExactly("bob", "carol", "dave");
        assertThat(r.getTotalUserNumber()).isEqualTo(4);
        assertThat(r.getAcceptTs()).isEqualTo(T + 5);
        assertThat(r.getEndTs()).isEqualTo(T + 95);
        assertThat(r.getDurationSec()).isEqualTo(90L);
        assertThat(r.getCallResult()).isEqualTo(CallResult.normal_end);
        assertThat(r.getEventCount()).isEqualTo(10);
    }
}
