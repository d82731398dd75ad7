package io.callstream.topology.app;

import io.callstream.topology.record.EventsRetention;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the events topic is known to keep an event, read from its configs when the application starts: the fold
 * reads a call's facts from its events until the call is old enough to outlive them, and logs them from then on
 * ({@code CallRecordProcessor.Timings#logFactsAfter}). What cannot be relied on makes the fold log every fact: a
 * compacted topic (it keeps only a call's last event), one with a size limit (it forgets by bytes, not time), or
 * configs that cannot be read.
 */
final class EventsTopicRetention {

    private static final Logger LOG = LoggerFactory.getLogger(EventsTopicRetention.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private EventsTopicRetention() {
    }

    /** What the topic keeps, as its broker reports it; not reliable (logged) when that cannot be read. */
    static EventsRetention read(Properties streamsProperties, String topic) {
        Map<String, Object> admin = new StreamsConfig(streamsProperties).getAdminConfigs("events-retention");
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin client = Admin.create(admin)) {
            Config config = client.describeConfigs(List.of(resource)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource);
            return of(topic, config.get(TopicConfig.CLEANUP_POLICY_CONFIG), config.get(TopicConfig.RETENTION_MS_CONFIG),
                    config.get(TopicConfig.RETENTION_BYTES_CONFIG));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.atWarn().addKeyValue("topic", topic).log("cannot read the events topic's retention ({}): the fold logs "
                    + "every fact and keeps every event it restores (grant DescribeConfigs on the topic)", e.toString());
            return new EventsRetention(EventsRetention.FOREVER, false);
        }
    }

    /** What these configs promise; not reliable for a compacted topic or one that forgets by size. */
    static EventsRetention of(String topic, ConfigEntry cleanupPolicy, ConfigEntry retentionMs, ConfigEntry retentionBytes) {
        String why = null;
        if (cleanupPolicy == null || retentionMs == null) {
            why = "its cleanup.policy or retention.ms is not reported";
        } else if (cleanupPolicy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            why = "it is compacted (cleanup.policy=" + cleanupPolicy.value() + ")";
        } else if (retentionBytes != null && Long.parseLong(retentionBytes.value()) >= 0) {
            why = "it forgets by size (retention.bytes=" + retentionBytes.value() + ")";
        }
        long ms = retentionMs == null ? -1 : Long.parseLong(retentionMs.value());
        Duration kept = ms < 0 ? EventsRetention.FOREVER : Duration.ofMillis(ms);
        if (why != null) {
            LOG.atWarn().addKeyValue("topic", topic).log("the events topic may forget events before their retention: {}; "
                    + "the fold logs every fact", why);
            return new EventsRetention(kept, false);
        }
        LOG.atInfo().addKeyValue("topic", topic).addKeyValue("retentionMs", ms)
                .log("the events topic keeps events for its retention.ms: the fold reads a call's facts from them");
        return new EventsRetention(kept, true);
    }
}
