package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.schemas.CallKey;
import io.callstream.service.Metrics;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.query.index.RecordIndex;
import io.callstream.topology.query.local.KafkaStreamsLocalStores;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queries while partitions move: an instance dies, later a new one joins. Throughout, every answer is either the
 * complete, correct one or the retryable 101001 — never a partial page, never a missing record, never statistics that
 * leave a partition out — and a by-callId query whose owner is gone is answered by the standby replica.
 */
@WithKafka
class QueryRebalanceIT {

    private static final Logger LOG = LoggerFactory.getLogger(QueryRebalanceIT.class);
    private static final int RETRY = 101001;

    @Test
    void queriesDuringRebalancesAreCompleteOrRetryable(KafkaCluster kafka) throws Exception {
        QueryInstances instances = new QueryInstances(kafka, 120, 23)
                .with("CALLSTREAM_STANDBY_REPLICAS", "1")
                // A dead instance is noticed after the session timeout; keep it short so the test is too.
                .with("KAFKA_STREAMS_SESSION_TIMEOUT_MS", "6000")
                .with("KAFKA_STREAMS_HEARTBEAT_INTERVAL_MS", "1000");
        try (Metrics metrics = new Metrics("rebalance-it");
             StreamsApp one = instances.start(metrics);
             StreamsApp two = instances.start(metrics)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> running(one) && running(two)
                    && QueryInstances.activeTasks(one) > 0 && QueryInstances.activeTasks(two) > 0);
            instances.produceAll();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> isComplete(instances.filter(one, 1, 100), instances));
            JsonObject referencePage = instances.filter(one, 1, 100).getJsonObject("data");
            // The reference is the fold's, not just the instance's: the first 100 complete calls in order.
            assertThat(referencePage.getJsonArray("callRecordList").stream().map(r -> ((JsonObject) r).getString("callId")).toList())
                    .containsExactlyElementsOf(instances.expectedOrder().subList(0, Math.min(100, instances.expected.size())));
            Map<String, JsonObject> referenceRecords = new ConcurrentHashMap<>();
            for (String callId : instances.expected.keySet()) {
                referenceRecords.put(callId, instances.byCallId(one, callId).getJsonObject("data"));
            }
            HostInfo twoHost = new HostInfo("127.0.0.1", two.internalPort());
            Map<String, Integer> ownedByTwo = new java.util.HashMap<>(); // call id -> partition
            for (String callId : instances.expected.keySet()) {
                KeyQueryMetadata owner = one.streams().queryMetadataForKey(RecordIndex.RECORDS,
                        new CallKey(QueryInstances.APP, callId).toString(), Serdes.String().serializer());
                if (twoHost.equals(owner.activeHost())) {
                    ownedByTwo.put(callId, owner.partition());
                }
            }
            // Before `two` goes away, the standbys on `one` hold every record `two` owns. (Store lags would not say so
            // under exactly-once: the commit markers keep a standby's changelog position one short of the end.)
            await().atMost(Duration.ofSeconds(30)).until(() -> ownedByTwo.entrySet().stream().allMatch(e ->
                    new LocalRecordQueries(new KafkaStreamsLocalStores(one.streams(), e.getValue(), true), TopologyConfig.defaultLimits())
                            .record(QueryInstances.APP, e.getKey()).isPresent()));
            assertThat(ownedByTwo).as("the sticky assignor gave `two` some partitions").isNotEmpty();

            // The statistics too: their reference once every record is in them.
            String dailyPath = instances.dailyStatsPath();
            await().atMost(Duration.ofSeconds(30)).until(() -> instances.analyst(one, dailyPath).getJsonObject("totals")
                    .getLong("calls") == instances.expected.size());
            JsonObject referenceDaily = instances.analyst(one, dailyPath);

            int fromStandby = 0;
            Prober prober = new Prober(instances, referencePage, referenceRecords, dailyPath, referenceDaily);
            prober.ask(one);
            Thread probing = new Thread(prober, "query-prober");
            probing.start();
            try {
                // 1. `two` dies without leaving the group, as in a crash (a clean close leaves it). Until the group
                //    notices, `one` is RUNNING with `two` still the owner of its keys: by-callId falls back to `one`'s
                //    standbys.
                two.streams().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
                two.close();
                for (String callId : ownedByTwo.keySet()) {
                    JsonObject answer = instances.byCallId(one, callId);
                    prober.check("by-callId of a dead owner's key", answer, referenceRecords.get(callId));
                    fromStandby += answer.getInteger("errorCode") == 0 ? 1 : 0;
                }
                // The group notices the crash only after the 6 s session timeout; these queries take about a second.
                assertThat(fromStandby).as("answered from the standby while the owner was gone").isEqualTo(ownedByTwo.size());
                // Then the rebalance gives `one` every partition.
                awaitAnswering(prober, () -> running(one) && QueryInstances.activeTasks(one) == QueryInstances.TASKS);

                // 2. `three` joins; the sticky assignor moves partitions to it at once, to be restored there.
                StreamsApp three = instances.start(metrics);
                try {
                    prober.ask(three);
                    awaitAnswering(prober, () -> running(one) && running(three) && QueryInstances.activeTasks(three) > 0
                            && QueryInstances.activeTasks(one) + QueryInstances.activeTasks(three) == QueryInstances.TASKS);
                } finally {
                    prober.stop.set(true);
                    probing.join();
                    three.close();
                }
            } finally {
                prober.stop.set(true);
                probing.join();
            }
            LOG.info("rebalance probes: {} complete answers, {} retryable; {} of the dead owner's {} records answered by the standby",
                    prober.complete, prober.retryable, fromStandby, ownedByTwo.size());
            assertThat(prober.wrong).as("answers neither complete nor retryable").isEmpty();
            assertThat(prober.complete.sum()).isPositive();
            assertThat(prober.retryable.sum()).as("probes landed inside the rebalances").isPositive();
        }
    }

    /** Waits until the condition holds and then until the prober has seen complete answers again from everyone. */
    private static void awaitAnswering(Prober prober, java.util.concurrent.Callable<Boolean> settled) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(settled);
        long before = prober.rounds.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> prober.rounds.get() > before + 2 && prober.lastRoundComplete.get());
    }

    private static boolean running(StreamsApp app) {
        return app.streams().state() == KafkaStreams.State.RUNNING;
    }

    private static boolean isComplete(JsonObject answer, QueryInstances instances) {
        return answer.getInteger("errorCode") == 0 && answer.getJsonObject("data").getInteger("totalNum") == instances.expected.size();
    }

    /** Asks every live instance, in a loop, for the first page and one record each, and sorts the answers. */
    private static final class Prober implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger rounds = new AtomicInteger();
        final AtomicBoolean lastRoundComplete = new AtomicBoolean();
        final LongAdder complete = new LongAdder();
        final LongAdder retryable = new LongAdder();
        final List<String> wrong = new CopyOnWriteArrayList<>();
        private final List<StreamsApp> targets = new CopyOnWriteArrayList<>();
        private final QueryInstances instances;
        private final JsonObject referencePage;
        private final Map<String, JsonObject> referenceRecords;
        private final List<String> callIds;
        private final String dailyPath;
        private final JsonObject referenceDaily;

        Prober(QueryInstances instances, JsonObject referencePage, Map<String, JsonObject> referenceRecords, String dailyPath,
               JsonObject referenceDaily) {
            this.instances = instances;
            this.referencePage = referencePage;
            this.referenceRecords = referenceRecords;
            this.callIds = new ArrayList<>(referenceRecords.keySet());
            this.dailyPath = dailyPath;
            this.referenceDaily = referenceDaily;
        }

        void ask(StreamsApp app) {
            targets.add(app);
        }

        @Override
        public void run() {
            int i = 0;
            while (!stop.get()) {
                boolean allComplete = true;
                for (StreamsApp app : targets) {
                    try {
                        String callId = callIds.get(i++ % callIds.size());
                        allComplete &= check("filter page", instances.filter(app, 1, 100), referencePage);
                        allComplete &= check("by-callId", instances.byCallId(app, callId), referenceRecords.get(callId));
                        allComplete &= checkAnalyst("daily statistics", instances.analystResponse(app, dailyPath), referenceDaily);
                    } catch (Exception e) {
                        wrong.add("no answer: " + e);
                        allComplete = false;
                    }
                }
                lastRoundComplete.set(allComplete);
                rounds.incrementAndGet();
            }
        }

        /** @return whether the analyst API's answer was the complete one (503 with 101001 is the retryable one) */
        boolean checkAnalyst(String what, java.net.http.HttpResponse<String> response, JsonObject reference) {
            JsonObject body = new JsonObject(response.body());
            if (response.statusCode() == 503 && body.getInteger("errorCode") == RETRY) {
                retryable.increment();
                return false;
            }
            if (response.statusCode() == 200 && reference.equals(body)) {
                complete.increment();
                return true;
            }
            wrong.add(what + ": " + response.statusCode() + " " + response.body().substring(0, Math.min(400, response.body().length())));
            return false;
        }

        /** @return whether the answer was the complete one */
        boolean check(String what, JsonObject answer, JsonObject reference) {
            int code = answer.getInteger("errorCode");
            if (code == RETRY) {
                retryable.increment();
                return false;
            }
            if (code == 0 && reference.equals(answer.getJsonObject("data"))) {
                complete.increment();
                return true;
            }
            String text = answer.encode();
            wrong.add(what + ": " + text.substring(0, Math.min(400, text.length())));
            return false;
        }
    }
}
