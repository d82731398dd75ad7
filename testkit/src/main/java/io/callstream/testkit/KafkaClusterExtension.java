package io.callstream.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link KafkaCluster} parameters with one cluster per test JVM, started on first use and closed when the
 * whole test run ends (it lives in the root extension context's store).
 *
 * <p>Which cluster, in this order:
 * <ol>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} is set: that external cluster;</li>
 *   <li>a Docker engine is reachable: Testcontainers' {@code KafkaContainer};</li>
 *   <li>otherwise: an embedded single-node KRaft broker in this JVM.</li>
 * </ol>
 * {@code CALLSTREAM_TEST_KAFKA=external|container|embedded} (environment or system property) forces one.
 */
public final class KafkaClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public KafkaCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(KafkaCluster.class, key -> KafkaClusters.start(), KafkaCluster.class);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("could not start a Kafka cluster for the tests: " + e.getMessage(), e);
        }
    }
}
