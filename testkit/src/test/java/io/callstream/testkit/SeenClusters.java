package io.callstream.testkit;

import java.util.concurrent.atomic.AtomicReference;

/** Remembers the first cluster any test class was given, so others can check theirs is the same one. */
final class SeenClusters {

    static final AtomicReference<KafkaCluster> FIRST = new AtomicReference<>();

    private SeenClusters() {
    }

    static KafkaCluster firstOr(KafkaCluster cluster) {
        FIRST.compareAndSet(null, cluster);
        return FIRST.get();
    }
}
