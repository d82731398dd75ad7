package io.callstream.topology.query.stats;

import static io.callstream.topology.record.Facts.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.FoldDriverAccess;
import io.callstream.topology.StatsConfig;
import io.callstream.topology.TopologyConfig;
import io.callstream.topology.query.QueryDeadline;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.stats.StatsZone;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The statistics' local reads stop at their query's deadline, as the record scans do. */
class LocalStatsTest {

    private final FoldDriverAccess fold =
            new FoldDriverAccess(TopologyConfig.defaults().withStats(StatsConfig.defaults().withZone(StatsZone.UTC)));

    @AfterEach
    void close() {
        fold.close();
    }

    @Test
    void readsPastTheirDeadlineStopAndSayRetry() {
        long t = fold.now().getEpochSecond();
        fold.send("A", List.of(of("caller_start_call", "alice", t - 610), of("callee_accept_call", "bob", t - 600),
                of("caller_call_accepted", "alice", t - 600), of("caller_call_end", "alice", t - 300),
                of("callee_call_end", "bob", t - 300)));
        fold.advance(Duration.ofSeconds(4)); // recorded (R6)
        fold.advance(Duration.ofSeconds(2)); // and published by the statistics (R7, R8)
        LocalDate today = LocalDate.ofInstant(fold.now(), ZoneOffset.UTC);
        long weekAgo = t - Duration.ofDays(7).toSeconds();

        LocalStats unbounded = new LocalStats(fold.stores(), StatsZone.UTC, QueryDeadline.NONE);
        assertThat(unbounded.peak(FoldDriverAccess.APP, CallScope.all, weekAgo + 17, t, null).maxConcurrent()).isEqualTo(1);
        assertThat(unbounded.days(FoldDriverAccess.APP, today.minusDays(30), today).days().get(CallScope.all)).hasSize(1);

        LocalStats late = new LocalStats(fold.stores(), StatsZone.UTC, QueryDeadline.after(Duration.ZERO));
        assertThatThrownBy(() -> late.peak(FoldDriverAccess.APP, CallScope.all, weekAgo + 17, t, null))
                .isInstanceOf(QueryUnavailableException.class).hasMessageContaining("deadline");
        assertThatThrownBy(() -> late.days(FoldDriverAccess.APP, today.minusDays(30), today))
                .isInstanceOf(QueryUnavailableException.class);
        assertThatThrownBy(() -> late.windows(FoldDriverAccess.APP, CallScope.all,
                WindowGranularity.minute, weekAgo, t))
                .isInstanceOf(QueryUnavailableException.class);
    }
}
