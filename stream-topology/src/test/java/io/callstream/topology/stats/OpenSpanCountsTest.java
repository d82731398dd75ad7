package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * R7: what the calls without a record add to the counts, second by second up to now, against a brute-force count: a
 * call in progress covers [acceptTs, now], a settling one [acceptTs, endTs), nothing before {@code oldest} or after
 * now; live counts the calls in progress accepted by now.
 */
class OpenSpanCountsTest {

    private static final CallScope[] TYPES = {CallScope.single, CallScope.group, null};

    @Test
    void everySecondCountsTheSpansCoveringIt() {
        Random random = new Random(7);
        for (int run = 0; run < 2_000; run++) {
            long now = 1_000_000 + random.nextInt(1000);
            long oldest = now - random.nextInt(600);
            List<OpenSpan> spans = new ArrayList<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                long accept = now - 800 + random.nextInt(900); // some after now: a client clock ahead
                long end = random.nextBoolean() ? 0 : accept - 5 + random.nextInt(300);
                spans.add(new OpenSpan(TYPES[random.nextInt(3)], accept, end == 0 ? 0 : Math.max(1, end)));
            }
            OpenSpanCounts counts = new OpenSpanCounts(spans, now, oldest);
            for (CallScope scope : CallScope.values()) {
                long first = Long.MAX_VALUE;
                for (long s = now - 900; s <= now + 50; s++) {
                    long expected = 0;
                    for (OpenSpan span : spans) {
                        long last = span.inProgress() ? now : span.endTs() - 1;
                        if (span.counts(scope) && s >= Math.max(span.acceptTs(), oldest) && s <= Math.min(last, now)) {
                            expected++;
                        }
                    }
                    if (expected > 0) {
                        first = Math.min(first, s);
                    }
                    assertThat(counts.at(scope, s)).as("run %d, %s, second %d of %s", run, scope, s, spans).isEqualTo(expected);
                }
                assertThat(counts.first(scope)).isEqualTo(first);
                assertThat(counts.live(scope)).isEqualTo((int) spans.stream()
                        .filter(sp -> sp.counts(scope) && sp.inProgress() && sp.acceptTs() <= now).count());
            }
        }
    }

    @Test
    void aSpanAcceptedLongAgoCostsNoMoreThanARecentOne() {
        long now = 2_000_000_000L;
        OpenSpanCounts counts = new OpenSpanCounts(List.of(new OpenSpan(CallScope.single, 1, 0)), now, 0);
        assertThat(counts.at(CallScope.all, 1)).isEqualTo(1);
        assertThat(counts.at(CallScope.all, now)).isEqualTo(1);
        assertThat(counts.at(CallScope.group, now)).isZero();
    }
}
