package io.callstream.bench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** BENCH_FLOORS: puts per event, or puts over stores. */
class StreamsFloorTest {

    @Test
    void floorsAreReadFromTheSetting() {
        assertThat(StreamsFloor.fromSetting("0, 1,3,3x14")).containsExactly(new StreamsFloor.Floor(0),
                new StreamsFloor.Floor(1), new StreamsFloor.Floor(3), new StreamsFloor.Floor(3, 14));
        assertThat(StreamsFloor.fromSetting("")).isEmpty();
        assertThat(StreamsFloor.fromSetting("3x14").get(0).description())
                .isEqualTo("Kafka Streams, decode and 3 logged RocksDB puts per event, over 14 stores");
        assertThat(StreamsFloor.fromSetting("3x14").get(0).applicationId()).isEqualTo("floor-3-puts-14-stores");
        assertThatThrownBy(() -> StreamsFloor.fromSetting("3x0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyThreePutsInOneStoreIsTheHeadlineFloor() {
        assertThat(new StreamsFloor.Floor(3).isThreePuts()).isTrue();
        assertThat(new StreamsFloor.Floor(3, 14).isThreePuts()).isFalse();
    }
}
