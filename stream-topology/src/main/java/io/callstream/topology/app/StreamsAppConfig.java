package io.callstream.topology.app;

import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.service.KafkaSettings;
import io.callstream.service.http.ServerLimits;
import io.callstream.service.usersig.UserSigMaxLifetime;
import io.callstream.topology.StatsConfig;
import io.callstream.topology.TopologyConfig;
import io.callstream.topology.deadletter.DeadLetters;
import io.callstream.topology.query.analyst.AnalystApiConfig;
import io.callstream.topology.query.auth.AppSecretKeys;
import io.callstream.topology.query.vendor.QueryApiConfig;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.fold.EventTimeWindow;
import io.callstream.topology.stats.StatsZone;
import io.callstream.topology.stats.processor.StatsListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams application's configuration, from environment variables (README, "stream-topology").
 *
 * @param streamsProperties Kafka Streams' settings but {@code application.server}, which names the internal listener's
 *                          port once it is bound ({@link InternalListener#applicationServer})
 * @param host              {@code CALLSTREAM_QUERY_HOST}: the public listener (operations endpoints, query APIs)
 * @param port              {@code CALLSTREAM_QUERY_PORT}
 * @param internal          the instances' own listener: present exactly when the query APIs are on (secret keys set)
 * @param serverLimits      what a connection may take of either listener ({@code CALLSTREAM_QUERY_*})
 * @param threadReplacements how often a failed stream thread is replaced before the client shuts down
 */
public record StreamsAppConfig(TopologyConfig topology, Properties streamsProperties, String host, int port,
                               Duration shutdownGrace, Optional<AppSecretKeys> secretKeys,
                               Optional<Duration> userSigMaxLifetime, QueryApiConfig queryApi,
                               AnalystApiConfig analystApi, Optional<InternalListener> internal, ServerLimits serverLimits,
                               ThreadReplacements threadReplacements) {

    /**
     * The query listeners' limits. The idle timeout is longer than the 60 s a load balancer usually keeps an idle
     * connection to its backends, so that it closes first; a vendor request's URI carries its UserSig (a few hundred
     * characters), well within the request line.
     */
    static final ServerLimits DEFAULT_SERVER_LIMITS = new ServerLimits(Duration.ofSeconds(75), Duration.ofSeconds(10),
            1024, 8192, 4096);

    public static StreamsAppConfig from(Env env) {
        // Read once: how long the records are kept (the topology) is how far back they are queryable (the analyst
        // API, which needs at least a second of it).
        Duration recordRetention = Duration.ofMillis(env.longValue("CALLSTREAM_RECORD_RETENTION_MS",
                TopologyConfig.DEFAULT_RECORD_RETENTION.toMillis(), 1000, Long.MAX_VALUE));
        TopologyConfig topology = new TopologyConfig(
                env.string("CALLSTREAM_TOPIC_EVENTS", Topics.EVENTS.name()),
                env.string("CALLSTREAM_TOPIC_CALL_RECORDS", Topics.CALL_RECORDS.name()),
                env.string("CALLSTREAM_TOPIC_TOPOLOGY_DLQ", Topics.TOPOLOGY_DLQ.name()),
                new CallRecordProcessor.Timings(
                        env.millis("CALLSTREAM_SETTLE_DELAY_MS", TopologyConfig.DEFAULT_SETTLE_DELAY),
                        env.millis("CALLSTREAM_IDLE_TIMEOUT_MS", TopologyConfig.DEFAULT_IDLE_TIMEOUT),
                        env.millis("CALLSTREAM_STATE_RETENTION_MS", TopologyConfig.DEFAULT_RETENTION),
                        env.millis("CALLSTREAM_PUNCTUATE_INTERVAL_MS", TopologyConfig.DEFAULT_PUNCTUATE_EVERY),
                        // What the topic keeps is read from it at start (EventsTopicRetention).
                        env.bool("CALLSTREAM_LOG_ALL_FACTS", false) ? TopologyConfig.DEFAULT_EVENTS_RETENTION.unreliable()
                                : TopologyConfig.DEFAULT_EVENTS_RETENTION),
                foldLimits(env),
                env.integer("CALLSTREAM_CACHED_CALLS", TopologyConfig.DEFAULT_CACHED_CALLS),
                env.bool("CALLSTREAM_WRITE_OPEN_CALL_STATE", false),
                recordRetention,
                io.callstream.topology.record.FoldListener.NONE,
                statsFrom(env));
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, env.string("CALLSTREAM_APPLICATION_ID", "callstream-topology"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, env.string("CALLSTREAM_STATE_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "callstream-state").toString()));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, env.string("CALLSTREAM_PROCESSING_GUARANTEE", StreamsConfig.EXACTLY_ONCE_V2));
        // With several instances, a standby per partition keeps by-callId queries answerable while a partition moves
        // (docs/query-api.md); deploy/ sets 1. A single instance has nowhere to put one, hence the default 0.
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, env.integer("CALLSTREAM_STANDBY_REPLICAS", 0));
        // Each task reads one partition of one topic, so there is nothing to wait for before choosing the next record
        // by timestamp; disabled, Kafka Streams also skips the lag messages it formats whenever a partition's buffer
        // runs dry, a visible share of the stream thread's time (docs/benchmarks.md).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // All stores of all tasks share one bounded block cache, their memtables charged to it (BoundedRocksDbMemory):
        // unbounded, each store's own cache and memtables would grow past a pod's memory limit.
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, env.longValue("CALLSTREAM_ROCKSDB_MEMORY_MB",
                BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES >> 20, 16, 1L << 20) << 20);
        props.putAll(DeadLetters.streamsSettings(topology.deadLetterTopic()));
        // Every setting passes through as KAFKA_STREAMS_<SETTING> (or KAFKA_CLIENT_<SETTING> for all clients).
        props.putAll(KafkaSettings.forRole(env, "STREAMS"));
        Properties properties = new Properties();
        properties.putAll(props);
        Optional<AppSecretKeys> keys = env.optional(AppSecretKeys.VARIABLE).map(AppSecretKeys::parse);
        // The instances ask each other only for the query APIs; without them there is nothing to listen for.
        Optional<InternalListener> internal = keys.map(k -> InternalListener.from(env));
        return new StreamsAppConfig(topology, properties,
                env.string("CALLSTREAM_QUERY_HOST", "0.0.0.0"),
                env.integer("CALLSTREAM_QUERY_PORT", 8081),
                env.millis("CALLSTREAM_SHUTDOWN_GRACE_MS", Duration.ofSeconds(30)),
                keys, UserSigMaxLifetime.from(env), QueryApiConfig.from(env),
                AnalystApiConfig.from(env, recordRetention, topology.stats().retention()), internal,
                ServerLimits.from(env, "CALLSTREAM_QUERY", DEFAULT_SERVER_LIMITS), threadReplacementsFrom(env));
    }

    /** What one call and one punctuation of the fold may take. */
    static CallRecordProcessor.Limits foldLimits(Env env) {
        return new CallRecordProcessor.Limits(
                env.positiveInt("CALLSTREAM_MAX_FACTS_PER_CALL", TopologyConfig.DEFAULT_MAX_FACTS_PER_CALL),
                new EventTimeWindow(
                        env.millis("CALLSTREAM_EVENT_TIME_MAX_PAST_MS", EventTimeWindow.DEFAULT_MAX_PAST),
                        env.millis("CALLSTREAM_EVENT_TIME_MAX_FUTURE_MS", EventTimeWindow.DEFAULT_MAX_FUTURE)),
                env.positiveInt("CALLSTREAM_FOLD_MAX_DUE_PER_PUNCTUATION", TopologyConfig.DEFAULT_MAX_DUE_PER_PUNCTUATION),
                Duration.ofMillis(env.longValue("CALLSTREAM_CATCH_UP_LAG_MS", TopologyConfig.DEFAULT_CATCH_UP_LAG.toMillis(),
                        1000, Integer.MAX_VALUE)));
    }

    static ThreadReplacements threadReplacementsFrom(Env env) {
        return new ThreadReplacements(
                (int) env.longValue("CALLSTREAM_THREAD_REPLACEMENTS_MAX", ThreadReplacements.DEFAULT_MAX, 0, 1000),
                Duration.ofMillis(env.longValue("CALLSTREAM_THREAD_REPLACEMENTS_WINDOW_MS",
                        ThreadReplacements.DEFAULT_WINDOW.toMillis(), 1000, Long.MAX_VALUE)));
    }

    /** The statistics (R7, R8): on unless {@code CALLSTREAM_STATS=false}. */
    static StatsConfig statsFrom(Env env) {
        String zone = env.string("CALLSTREAM_STATS_ZONE", StatsConfig.defaults().zone().id());
        StatsZone statsZone;
        try {
            statsZone = StatsZone.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new Env.ConfigException("CALLSTREAM_STATS_ZONE is not a time zone id (e.g. UTC, Asia/Shanghai): " + zone);
        }
        return new StatsConfig(env.bool("CALLSTREAM_STATS", true), statsZone,
                Duration.ofMillis(env.longValue("CALLSTREAM_STATS_RETENTION_MS", StatsConfig.DEFAULT_RETENTION.toMillis(),
                        StatsConfig.MIN_RETENTION.toMillis(), Long.MAX_VALUE)),
                Duration.ofMillis(env.longValue("CALLSTREAM_STATS_PUBLISH_INTERVAL_MS",
                        StatsConfig.DEFAULT_PUBLISH_EVERY.toMillis(), 10, Duration.ofHours(1).toMillis())),
                StatsConfig.DEFAULT_MAX_SPAN,
                env.string("CALLSTREAM_TOPIC_CONCURRENCY", Topics.CONCURRENCY.name()),
                env.string("CALLSTREAM_TOPIC_DAILY_STATS", Topics.DAILY_STATS.name()),
                StatsListener.NONE);
    }
}
