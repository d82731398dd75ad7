package io.callstream.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {

    @Test
    void atMostNLinesPerWindowAndTheNextLineCountsThoseLeftOut() {
        AtomicLong now = new AtomicLong();
        RefusalLog log = new RefusalLog(LoggerFactory.getLogger(RefusalLogTest.class), 3, Duration.ofSeconds(10), now::get);

        assertThat(log.admit()).isZero();
        assertThat(log.admit()).isZero();
        assertThat(log.admit()).isZero();
        for (int i = 0; i < 1000; i++) {
            assertThat(log.admit()).isEqualTo(-1);
        }
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(log.admit()).as("same window").isEqualTo(-1);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(log.admit()).as("next window: says how many were left out").isEqualTo(1001);
        assertThat(log.admit()).isZero();
    }
}
