package io.callstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PartitionableKafkaClusterIT {

    @Test
    void aCutNetworkStopsDeliveriesAndARestoredOneResumesThem() throws Exception {
        try (PartitionableKafkaCluster kafka = PartitionableKafkaCluster.start()) {
            kafka.createTopic("outage", 1, Map.of());
            Map<String, Object> config = new HashMap<>(kafka.clientProperties());
            config.put("max.block.ms", "1000");
            config.put("delivery.timeout.ms", "60000");
            config.put("request.timeout.ms", "1000");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("outage", "k", "before")).get(10, TimeUnit.SECONDS);

                kafka.cutNetwork();
                var during = producer.send(new ProducerRecord<>("outage", "k", "during"));
                // While cut, the send cannot succeed: it stays pending or fails (which one depends on timing).
                assertThatThrownBy(() -> during.get(2, TimeUnit.SECONDS))
                        .isInstanceOfAny(java.util.concurrent.TimeoutException.class, java.util.concurrent.ExecutionException.class);

                kafka.restoreNetwork();
                sendOnceReconnected(producer, new ProducerRecord<>("outage", "k", "after"), Duration.ofSeconds(30));
                boolean duringStored;
                try {
                    during.get(30, TimeUnit.SECONDS); // a pending send is retried through the restored link
                    duringStored = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    duringStored = false;
                }
                List<String> values = kafka.readAll("outage", new StringDeserializer(), new StringDeserializer())
                        .stream().map(r -> r.value()).toList();
                assertThat(values).startsWith("before").contains("after");
                assertThat(values.contains("during")).as("stored exactly when its send succeeded").isEqualTo(duringStored);
            }
        }
    }

    /**
     * Sends once the producer has its link back: until it reconnects, a send can still fail on metadata it waits for
     * (max.block.ms), which says nothing about the restored link; any other failure, or none by the deadline, fails.
     */
    private static void sendOnceReconnected(KafkaProducer<String, String> producer, ProducerRecord<String, String> record,
                                            Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                producer.send(record).get(within.toSeconds(), TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
