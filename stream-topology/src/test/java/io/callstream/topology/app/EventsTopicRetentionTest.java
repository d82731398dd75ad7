package io.callstream.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.record.EventsRetention;
import java.time.Duration;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;

/** What the events topic's configs promise the fold: a time it keeps every event, or nothing to rely on. */
class EventsTopicRetentionTest {

    private static final String TOPIC = "callkit.events";

    @Test
    void aTopicThatDeletesByTimeKeepsEventsForItsRetention() {
        assertThat(EventsTopicRetention.of(TOPIC, entry("cleanup.policy", "delete"), entry("retention.ms", "691200000"),
                entry("retention.bytes", "-1"))).isEqualTo(new EventsRetention(Duration.ofDays(8), true));
        assertThat(EventsTopicRetention.of(TOPIC, entry("cleanup.policy", "delete"), entry("retention.ms", "-1"),
                entry("retention.bytes", "-1"))).as("forever").isEqualTo(new EventsRetention(EventsRetention.FOREVER, true));
    }

    @Test
    void aCompactedTopicOrOneThatForgetsBySizeOrUnknownConfigsPromiseNothing() {
        EventsRetention unreliable = new EventsRetention(Duration.ofDays(8), false);
        assertThat(EventsTopicRetention.of(TOPIC, entry("cleanup.policy", "compact,delete"), entry("retention.ms", "691200000"),
                entry("retention.bytes", "-1"))).isEqualTo(unreliable);
        assertThat(EventsTopicRetention.of(TOPIC, entry("cleanup.policy", "delete"), entry("retention.ms", "691200000"),
                entry("retention.bytes", "1073741824"))).isEqualTo(unreliable);
        assertThat(EventsTopicRetention.of(TOPIC, null, entry("retention.ms", "691200000"), null)).isEqualTo(unreliable);
    }

    private static ConfigEntry entry(String name, String value) {
        return new ConfigEntry(name, value);
    }
}
