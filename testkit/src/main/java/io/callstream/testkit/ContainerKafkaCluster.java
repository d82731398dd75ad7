package io.callstream.testkit;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** Kafka in a Docker container (Testcontainers), used when a Docker engine is reachable. */
final class ContainerKafkaCluster extends ClientBackedCluster {

    static final String DEFAULT_IMAGE = "apache/kafka:4.3.1";

    private final KafkaContainer container;

    ContainerKafkaCluster(String image) {
        this.container = new KafkaContainer(DockerImageName.parse(image));
        container.start();
    }

    @Override
    public Kind kind() {
        return Kind.CONTAINER;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            container.stop();
        }
    }
}
