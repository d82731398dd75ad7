package io.callstream.topology.fold;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.EventKind;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The facts' total order (R2's tie-breaks depend on it) and their identity (R1). */
class CallFactTest {

    private static final Comparator<String> S = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Long> L = Comparator.nullsFirst(Comparator.naturalOrder());
    /** The order as documented, field by field: what compareTo must agree with. */
    private static final Comparator<CallFact> DOCUMENTED = Comparator
            .comparing(CallFact::eventTime, L).thenComparing(CallFact::command, S).thenComparing(CallFact::userId, S)
            .thenComparing(CallFact::role, S).thenComparing(CallFact::callResult, S).thenComparing(CallFact::event, S)
            .thenComparing(f -> f.kind().name()).thenComparing(CallFact::startCallTs, L)
            .thenComparing(CallFact::acceptTs, L).thenComparing(CallFact::endTs, L)
            .thenComparing(CallFact::totalNum, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CallFact::mediaType, S).thenComparing(CallFact::callType, S)
            .thenComparing(CallFact::roomId, S).thenComparing(CallFact::platform, S);

    private final Random random = new Random(5);

    @Test
    void compareToIsTheDocumentedOrderAndIdentitiesAreNeighbours() {
        for (int i = 0; i < 200_000; i++) {
            CallFact a = randomFact();
            CallFact b = random.nextInt(4) == 0 ? a : randomFact();

            assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b).isEqualTo(Integer.signum(DOCUMENTED.compare(a, b)));
            assertThat(a.sameIdentity(b)).isEqualTo(identity(a).equals(identity(b)));
        }
    }

    /** R1 less the key: the fields that tell one callback from another. */
    private static List<Object> identity(CallFact f) {
        return Arrays.asList(f.command(), f.userId(), f.eventTime(), f.role(), f.callResult());
    }

    /** Few values per field, nulls included, so that most pairs tie on several fields before they differ. */
    private CallFact randomFact() {
        return new CallFact(pick(List.of("caller_start_call", "callee_call_end")), random.nextBoolean() ? EventKind.event : EventKind.status,
                pick("alice", "bob"), pick("caller", "callee"), pick("start_call", "call_end"), pick("normal_end", "reject"),
                time(), time(), time(), time(), random.nextInt(3) == 0 ? null : random.nextInt(3),
                pick("audio", "video"), pick("single", "group"), pick("r1", "r2"), pick("iOS", "Web"));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String a, String b) {
        int n = random.nextInt(3);
        return n == 0 ? null : n == 1 ? a : b;
    }

    private Long time() {
        return random.nextInt(3) == 0 ? null : (long) random.nextInt(3);
    }
}
