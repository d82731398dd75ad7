package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallScope;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** R7 live concurrency: an accepted call without a record yet, as the fold keeps it. */
class OpenSpanTest {

    @Test
    void encodingRoundTrips() {
        CallScope[] types = {CallScope.single, CallScope.group, null};
        Random random = new Random(9);
        for (int run = 0; run < 1_000; run++) {
            OpenSpan span = new OpenSpan(types[random.nextInt(3)], random.nextLong() >>> 1,
                    random.nextBoolean() ? 0 : random.nextLong());

            assertThat(OpenSpan.decode(span.encode())).isEqualTo(span);
        }
        assertThat(new OpenSpan(null, 100, 0).encode()).isEqualTo("-|100|0");
        assertThat(OpenSpan.decode("group|5|9")).isEqualTo(new OpenSpan(CallScope.group, 5, 9));
    }

    @Test
    void inProgressUntilItHasAnEnd() {
        assertThat(new OpenSpan(CallScope.single, 100, 0).inProgress()).isTrue();
        assertThat(new OpenSpan(CallScope.single, 100, 160).inProgress()).as("settling").isFalse();
    }

    @Test
    void countsInItsTypesScopeAndInAll() {
        OpenSpan group = new OpenSpan(CallScope.group, 1, 0);
        OpenSpan untyped = new OpenSpan(null, 1, 0);

        assertThat(group.counts(CallScope.group)).isTrue();
        assertThat(group.counts(CallScope.single)).isFalse();
        assertThat(group.counts(CallScope.all)).isTrue();
        assertThat(untyped.counts(CallScope.all)).isTrue();
        assertThat(untyped.counts(CallScope.single)).isFalse();
        assertThat(untyped.counts(CallScope.group)).isFalse();
    }
}
