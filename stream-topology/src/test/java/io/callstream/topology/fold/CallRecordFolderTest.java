package io.callstream.topology.fold;

import static io.callstream.topology.record.Facts.group;
import static io.callstream.topology.record.Facts.of;
import static io.callstream.topology.record.Facts.withRole;
import static io.callstream.topology.record.Facts.withTimes;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.Participant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallRecordFolderTest {

    private static CallRecordFolder.Folded fold(CallFact... facts) {
        return CallRecordFolder.fold(1400000001L, "call-1", List.of(facts), false);
    }

    private static CallRecord record(CallFact... facts) {
        return fold(facts).record();
    }

    /** A connected 1v1 call: alice calls bob at 100, bob answers at 105, both hang up at 160/161, statuses follow. */
    private static final CallFact[] CONNECTED = {
            of("caller_start_call", "alice", 100), of("callee_receive_call", "bob", 101),
            of("callee_accept_call", "bob", 105), of("caller_call_accepted", "alice", 105),
            of("caller_call_end", "alice", 160), of("callee_call_end", "bob", 161),
            withRole(of("normal_end", "alice", 161), "caller"), withRole(of("normal_end", "bob", 161), "callee")};

    @Nested
    class Timestamps { // R3

        @Test
        void aConnectedCallTakesStartAcceptAndEndFromItsEvents() {
            CallRecord r = record(CONNECTED);

            assertThat(r.getStartCallTs()).isEqualTo(100L);
            assertThat(r.getAcceptTs()).isEqualTo(105L);
            assertThat(r.getEndTs()).isEqualTo(161L);
            assertThat(r.getDurationSec()).isEqualTo(56L);
        }

        @Test
        void explicitTimestampFieldsCountAsEvidence() {
            CallRecord r = record(of("callee_receive_call", "bob", 101),
                    withTimes(withRole(of("normal_end", "alice", 170), "caller"), 99L, 104L, 169L));

            assertThat(r.getStartCallTs()).as("min of StartCallTs and start_call").isEqualTo(99L);
            assertThat(r.getAcceptTs()).isEqualTo(104L);
            assertThat(r.getEndTs()).as("max of EndTs and end evidence").isEqualTo(170L);
        }

        @Test
        void withoutAStartEventTheEarliestEventTimeIsTheStart() {
            assertThat(record(of("callee_receive_call", "bob", 101), of("callee_reject_call", "bob", 103)).getStartCallTs())
                    .isEqualTo(101L);
        }

        @Test
        void aCallNeverAcceptedHasAcceptTsZeroAndNoDuration() {
            CallRecord r = record(of("caller_start_call", "alice", 100), of("caller_cancel_call", "alice", 108));

            assertThat(r.getAcceptTs()).isZero();
            assertThat(r.getDurationSec()).isZero();
            assertThat(r.getEndTs()).isEqualTo(108L);
        }

        @Test
        void theSeedsInconsistentExampleIsClampedAndCountedNotNegative() {
            // The vendor's example: EventTime 1704695566 earlier than StartCallTs 1704856873; AcceptTs 1704856876,
            // EndTs 1704856885 ... plus an end event far earlier than the accept evidence.
            CallFact seed = withTimes(of("caller_start_call", "Alice", 1704695566L), 1704856873L, 1704856876L, 1704856885L);
            CallFact early = of("caller_call_end", "Alice", 1704695570L);

            CallRecordFolder.Folded folded = fold(seed, early);

            assertThat(folded.record().getStartCallTs()).isEqualTo(1704695566L);
            assertThat(folded.record().getAcceptTs()).isEqualTo(1704856876L);
            assertThat(folded.record().getEndTs()).isEqualTo(1704856885L);
            assertThat(folded.record().getDurationSec()).isEqualTo(9L);
            assertThat(folded.anomalies()).isZero();

            CallRecordFolder.Folded inverted = fold(withTimes(of("caller_start_call", "Alice", 100), null, 200L, null),
                    of("caller_call_end", "Alice", 150));
            assertThat(inverted.record().getDurationSec()).as("endTs before acceptTs").isZero();
            assertThat(inverted.anomalies()).isEqualTo(1);
        }
    }

    @Nested
    class Results { // R5

        @ParameterizedTest(name = "R5.3 {0} -> {1}")
        @CsvSource({
                "callee_reject_call, reject", "caller_call_rejected, reject", "caller_call_busy, call_busy",
                "callee_not_answer_call, not_answer", "caller_call_missed, not_answer", "callee_ignore_call, not_answer",
                "caller_cancel_call, cancel", "callee_call_canceled, cancel", "caller_call_failed, failed"})
        void aNeverAcceptedCallTakesItsResultFromItsTerminalEvent(String command, CallResult expected) {
            CallRecordFolder.Folded f = fold(of("caller_start_call", "alice", 100), of(command, "bob", 110));

            assertThat(f.record().getCallResult()).isEqualTo(expected);
            assertThat(f.complete()).isTrue();
        }

        @Test
        void severalTerminalEventsFollowTheOrderOfR53() {
            assertThat(record(of("caller_cancel_call", "alice", 110), of("callee_reject_call", "bob", 109)).getCallResult())
                    .isEqualTo(CallResult.reject);
            assertThat(record(of("caller_call_failed", "alice", 100), of("caller_cancel_call", "alice", 101)).getCallResult())
                    .isEqualTo(CallResult.cancel);
        }

        @Test
        void aStatusCallbackDecidesOverEvents() { // R5.1
            assertThat(record(of("caller_start_call", "alice", 100), of("callee_reject_call", "bob", 105),
                    withRole(of("call_busy", "alice", 106), "caller")).getCallResult()).isEqualTo(CallResult.call_busy);
        }

        @Test
        void disagreeingStatusCallbacksFollowTheirPrecedence() { // R5.1
            assertThat(record(of("cancel", "alice", 100), of("interrupt", "bob", 100), of("normal_end", "carol", 100))
                    .getCallResult()).isEqualTo(CallResult.interrupt);
            assertThat(record(of("not_answer", "alice", 100), of("reject", "bob", 100)).getCallResult())
                    .isEqualTo(CallResult.reject);
            assertThat(record(of("cancel", "alice", 100), of("call_busy", "bob", 100)).getCallResult())
                    .isEqualTo(CallResult.call_busy);
        }

        @Test
        void callEndStatusIsNormalEnd() { // protocol note N1
            CallFact callEnd = new CallFact("call_end", io.callstream.schemas.EventKind.status, "Alice", "caller", null,
                    null, 1682415761L, null, null, null, 2, "audio", null, "Alice's Room", "iOS");

            assertThat(record(callEnd).getCallResult()).isEqualTo(CallResult.normal_end);
        }

        @Test
        void anAcceptedCallEndsNormallyOrInterrupted() { // R5.2
            assertThat(record(of("callee_accept_call", "bob", 105), of("callee_call_end", "bob", 130)).getCallResult())
                    .isEqualTo(CallResult.normal_end);
            assertThat(record(of("callee_accept_call", "bob", 105), of("callee_call_end", "bob", 130),
                    of("caller_call_interrupted", "alice", 129)).getCallResult()).isEqualTo(CallResult.interrupt);
        }

        @Test
        void anAcceptedCallWithoutEndEvidenceIsNotComplete() { // R6
            CallRecordFolder.Folded f = fold(of("caller_start_call", "alice", 100), of("callee_accept_call", "bob", 105));

            assertThat(f.complete()).isFalse();
            assertThat(f.record().getCallResult()).isNull();
            assertThat(f.record().getClosedBy()).isNull();
            assertThat(f.record().getEndTs()).isNull();
        }

        @Test
        void aTimedOutCallWithoutEvidenceIsUnknownAndEndsAtItsLastEvent() { // R5, R6, R3
            CallRecord r = CallRecordFolder.fold(1L, "c", List.of(of("caller_start_call", "alice", 100),
                    of("callee_accept_call", "bob", 105), of("callee_receive_call", "bob", 103)), true).record();

            assertThat(r.getCallResult()).isEqualTo(CallResult.unknown);
            assertThat(r.getClosedBy()).isEqualTo(ClosedBy.timeout);
            assertThat(r.getEndTs()).isEqualTo(105L);
            assertThat(r.getDurationSec()).isZero();
        }
    }

    @Nested
    class People { // R4

        @Test
        void aConnectedCallHasCallerCalleesAndBothParticipants() {
            CallRecord r = record(CONNECTED);

            assertThat(r.getCaller()).isEqualTo("alice");
            assertThat(r.getCallees()).containsExactly("bob");
            assertThat(r.getParticipants()).containsExactly(
                    new Participant("alice", 105L, 160L, "iOS", 55L),
                    new Participant("bob", 105L, 161L, "iOS", 55L));
            assertThat(r.getTotalUserNumber()).isEqualTo(2);
            assertThat(r.getPeakParticipants()).as("only group calls").isNull();
            assertThat(r.getEventCount()).isEqualTo(8);
        }

        @Test
        void totalUserNumberIsTheLargerOfTotalNumAndUsersSeen() {
            CallFact many = new CallFact("caller_start_call", io.callstream.schemas.EventKind.event, "alice", "caller",
                    "start_call", null, 100L, null, null, null, 5, null, "group", null, null);

            assertThat(record(many, of("callee_receive_call", "bob", 101)).getTotalUserNumber()).isEqualTo(5);
            assertThat(record(of("caller_start_call", "alice", 100), of("callee_receive_call", "bob", 101),
                    of("callee_receive_call", "carol", 101)).getTotalUserNumber()).isEqualTo(3);
        }

        @Test
        void calleesComeInOrderOfFirstEventTimeTiesLexical() {
            CallRecord r = record(group("caller_start_call", "alice", 100), group("callee_receive_call", "dave", 102),
                    group("callee_receive_call", "carol", 101), group("callee_receive_call", "bob", 101),
                    group("invite_user", "erin", 140));

            assertThat(r.getCallees()).containsExactly("bob", "carol", "dave", "erin");
        }
    }

    @Nested
    class GroupCalls { // R4, R5.4, R6

        /** alice calls bob and carol; bob joins at 110, carol at 120; erin is invited at 130 and joins at 135;
         *  carol leaves at 150 and rejoins at 170; everyone leaves by 200. */
        private final CallFact[] call = {
                group("caller_start_call", "alice", 100), group("callee_receive_call", "bob", 101),
                group("callee_receive_call", "carol", 101), group("callee_accept_call", "bob", 110),
                group("caller_call_accepted", "alice", 110), group("callee_accept_call", "carol", 120),
                group("invite_user", "erin", 130), group("join_in_group_call", "erin", 135),
                group("callee_call_end", "carol", 150), group("join_in_group_call", "carol", 170),
                group("callee_call_end", "bob", 190), group("callee_call_end", "carol", 195),
                group("callee_call_end", "erin", 198), group("caller_call_end", "alice", 200)};

        @Test
        void participantsWithRejoinsDurationsAndPeak() {
            CallRecordFolder.Folded f = fold(call);
            CallRecord r = f.record();

            assertThat(r.getCallType()).isEqualTo("group");
            assertThat(r.getCallResult()).isEqualTo(CallResult.normal_end);
            assertThat(f.complete()).as("everyone left").isTrue();
            assertThat(r.getAcceptTs()).isEqualTo(110L);
            assertThat(r.getEndTs()).isEqualTo(200L);
            assertThat(r.getDurationSec()).isEqualTo(90L);
            assertThat(r.getCallees()).containsExactly("bob", "carol", "erin");
            // Presence: alice [110,200) bob [110,190) carol [120,150)+[170,195) erin [135,198).
            // More than one person present from 110 to 198.
            assertThat(r.getParticipants()).containsExactly(
                    new Participant("alice", 110L, 200L, "Android", 88L),
                    new Participant("bob", 110L, 190L, "Android", 80L),
                    new Participant("carol", 120L, 195L, "Android", 55L),
                    new Participant("erin", 135L, 198L, "Android", 63L));
            assertThat(r.getPeakParticipants()).as("alice, bob, carol, erin in [135,150) and [170,190)").isEqualTo(4);
        }

        @Test
        void aGroupCallIsOpenWhileSomeoneIsStillIn() {
            List<CallFact> withoutErinLeaving = new java.util.ArrayList<>(List.of(call));
            withoutErinLeaving.removeIf(f -> f.userId().equals("erin") && f.command().equals("callee_call_end"));

            CallRecordFolder.Folded f = CallRecordFolder.fold(1L, "g", withoutErinLeaving, false);

            assertThat(f.complete()).isFalse();
            assertThat(f.record().getCallResult()).as("R5.4: someone besides the caller joined").isEqualTo(CallResult.normal_end);
        }

        @Test
        void aStatusCallbackForTheCallerCompletesIt() {
            CallFact[] open = {group("caller_start_call", "alice", 100), group("callee_accept_call", "bob", 110),
                    withRole(group("normal_end", "alice", 150), "caller")};

            assertThat(fold(open).complete()).isTrue();
        }

        @Test
        void aGroupCallNobodyJoinedResolvesLikeA1v1Call() { // R5.4 "otherwise as a 1v1 call"
            CallRecordFolder.Folded f = fold(group("caller_start_call", "alice", 100),
                    group("callee_reject_call", "bob", 105), group("caller_cancel_call", "alice", 110));

            assertThat(f.record().getCallResult()).isEqualTo(CallResult.reject);
            assertThat(f.complete()).isTrue();
            assertThat(f.record().getParticipants()).isEmpty();
        }
    }
}
