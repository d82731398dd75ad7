package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallScope;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** R8: how many of a day's calls a user joined, by type; a user is a participant of a scope while its count is above 0. */
class UserCallsTest {

    @Test
    void encodingRoundTripsAnyCounts() {
        Random random = new Random(8);
        for (int run = 0; run < 2_000; run++) {
            // negative counts occur between a revision's subtraction and its addition
            UserCalls calls = new UserCalls(random.nextInt() >> random.nextInt(32), random.nextInt(11) - 5,
                    random.nextBoolean() ? 0 : random.nextInt());

            assertThat(UserCalls.decode(calls.encode())).isEqualTo(calls);
        }
        assertThat(UserCalls.decode(UserCalls.NONE.encode())).isEqualTo(UserCalls.NONE);
        assertThat(new UserCalls(1, -2, 30).encode()).isEqualTo("1,-2,30");
    }

    /** All counts the untyped calls too: they are in no type's scope, but they are calls. */
    @Test
    void inAScope() {
        UserCalls calls = new UserCalls(2, 3, 5);

        assertThat(calls.in(CallScope.single)).isEqualTo(2);
        assertThat(calls.in(CallScope.group)).isEqualTo(3);
        assertThat(calls.in(CallScope.all)).isEqualTo(10);
    }

    @Test
    void oneCallOfEachTypeAndItsRemovalCancel() {
        assertThat(UserCalls.one(CallScope.single, 1)).isEqualTo(new UserCalls(1, 0, 0));
        assertThat(UserCalls.one(CallScope.group, -1)).isEqualTo(new UserCalls(0, -1, 0));
        assertThat(UserCalls.one(null, 1)).isEqualTo(new UserCalls(0, 0, 1));

        UserCalls joined = UserCalls.NONE.plus(UserCalls.one(CallScope.group, 1)).plus(UserCalls.one(null, 1));
        assertThat(joined.isNone()).isFalse();
        assertThat(joined.in(CallScope.all)).isEqualTo(2);
        assertThat(joined.plus(UserCalls.one(CallScope.group, -1)).plus(UserCalls.one(null, -1)).isNone()).isTrue();
        assertThat(new UserCalls(1, -1, 0).isNone()).as("in all it is 0, but it is not none").isFalse();
    }
}
