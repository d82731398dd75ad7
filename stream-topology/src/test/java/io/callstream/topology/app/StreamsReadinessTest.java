package io.callstream.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsReadinessTest {

    @Test
    void readyOnlyWhenRunningWithEveryThreadAliveAndNoRecentFailure() {
        assertThat(StreamsReadiness.of(false, KafkaStreams.State.RUNNING, List.of("RUNNING", "RUNNING"), 2, 0, false).ready())
                .isTrue();
        assertThat(StreamsReadiness.of(true, KafkaStreams.State.RUNNING, List.of("RUNNING"), 1, 0, false).ready()).isFalse();
        assertThat(StreamsReadiness.of(false, KafkaStreams.State.ERROR, List.of(), 1, 3, false).detail())
                .isEqualTo("Kafka Streams ERROR");
        assertThat(StreamsReadiness.of(false, KafkaStreams.State.NOT_RUNNING, List.of(), 1, 0, false).ready()).isFalse();
        assertThat(StreamsReadiness.of(false, KafkaStreams.State.RUNNING, List.of("RUNNING", "DEAD"), 2, 1, false).ready())
                .as("a dead thread's partitions are not processed").isFalse();
        assertThat(StreamsReadiness.of(false, KafkaStreams.State.RUNNING, List.of("RUNNING"), 2, 1, false).ready())
                .as("one thread of two").isFalse();
        assertThat(StreamsReadiness.of(false, KafkaStreams.State.RUNNING, List.of("RUNNING"), 1, 1, true).ready())
                .as("a thread failed within the last minute: it may be failing on every record").isFalse();
    }
}
