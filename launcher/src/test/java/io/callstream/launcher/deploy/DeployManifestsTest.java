package io.callstream.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callstream.launcher.docs.ConfigurationPage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/ as a cluster would take it: every manifest fits its typed model strictly, and what the manifests say agrees with
 * the code and docs: the variables are ones the apps read, the ports and probe paths are the servers', and the Kafka
 * users' secrets are the ones the pods log in with. The ACLs are {@link DeployedAclsTest}'s.
 */
class DeployManifestsTest {

    /** Variables the pods set that are not callstream's settings: the JVM's, and what the pod spec refers to. */
    private static final Set<String> NOT_CALLSTREAM_SETTINGS = Set.of("JAVA_TOOL_OPTIONS", "POD_NAME", "POD_NAMESPACE");

    private final List<JsonNode> base = RenderedManifests.base();

    @Test
    void everyBaseManifestFitsItsTypedModel() {
        assertThat(base).hasSizeGreaterThan(15).allSatisfy(TypedManifests::parse);
    }

    @Test
    void everyOverlayRendersAndFitsTheTypedModels() {
        for (String overlay : RenderedManifests.OVERLAYS) {
            List<JsonNode> rendered = renderedOrSkip(overlay);
            assertThat(rendered).as(overlay).isNotEmpty().allSatisfy(TypedManifests::parse);
            assertThat(rendered).as("%s: resources outside the namespace callstream", overlay)
                    .filteredOn(doc -> !"callstream".equals(doc.at("/metadata/namespace").asText()))
                    .extracting(doc -> doc.path("kind").asText() + " " + doc.at("/metadata/name").asText()).isEmpty();
        }
    }

    @Test
    void aMisspelledOrMistypedFieldFailsTheParse() {
        ObjectNode deployment = find(base, "Deployment", "ingest-gateway").deepCopy();
        ((ObjectNode) deployment.get("spec")).put("replica", 2);
        assertThatThrownBy(() -> TypedManifests.parse(deployment)).hasMessageContaining("spec.replica");

        ObjectNode topic = find(base, "KafkaTopic", "callkit.events").deepCopy();
        ((ObjectNode) topic.get("spec")).put("partitions", "six");
        assertThatThrownBy(() -> TypedManifests.parse(topic)).hasMessageContaining("KafkaTopic callkit.events");
    }

    @Test
    void devRunsOnePodOfEachWithoutAutoscaler() {
        List<JsonNode> dev = renderedOrSkip("dev");
        assertThat(kinds(dev)).doesNotContain("HorizontalPodAutoscaler");
        assertThat(find(dev, "Deployment", "ingest-gateway").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(find(dev, "StatefulSet", "callstream-topology").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(find(dev, "KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(1);
        dev.stream().filter(doc -> "KafkaTopic".equals(doc.path("kind").asText()))
                .forEach(topic -> assertThat(topic.at("/spec/replicas").asInt()).as(topic.at("/metadata/name").asText()).isEqualTo(1));
    }

    @Test
    void prodAddsTheIngressAndTheMonitoring() {
        assertThat(kinds(renderedOrSkip("prod")))
                .contains("HorizontalPodAutoscaler", "Ingress", "ServiceMonitor", "PrometheusRule", "KafkaUser");
    }

    @Test
    void everyVariableThePodsSetIsOneTheAppsRead() {
        Set<String> unknown = new TreeSet<>();
        for (Container container : containers()) {
            for (EnvVar env : container.getEnv()) {
                if (!NOT_CALLSTREAM_SETTINGS.contains(env.getName()) && !ConfigurationPage.documents(env.getName())) {
                    unknown.add(container.getName() + ": " + env.getName());
                }
            }
        }
        assertThat(unknown).as("variables in deploy/ that docs/configuration.md does not list").isEmpty();
    }

    @Test
    void theGatewayListensWhereItsPortAndProbesPoint() {
        Container gateway = container(gateway().getSpec().getTemplate().getSpec(), "ingest-gateway");
        assertThat(gateway.getArgs()).containsExactly("--role", "gateway");
        assertThat(port(gateway, "http")).isEqualTo(8080).isEqualTo(Integer.parseInt(env(gateway, "CALLSTREAM_GATEWAY_PORT")));
        assertProbes(gateway, "http");
    }

    @Test
    void theTopologyListensWhereItsPortsAndProbesPoint() {
        Container topology = container(topology().getSpec().getTemplate().getSpec(), "stream-topology");
        assertThat(topology.getArgs()).containsExactly("--role", "topology");
        assertThat(port(topology, "query")).isEqualTo(8081).isEqualTo(Integer.parseInt(env(topology, "CALLSTREAM_QUERY_PORT")));
        assertThat(port(topology, "internal")).isEqualTo(8082).isEqualTo(Integer.parseInt(env(topology, "CALLSTREAM_INTERNAL_PORT")));
        assertProbes(topology, "query");
        assertThat(env(topology, "CALLSTREAM_STATE_DIR")).isEqualTo(topology.getVolumeMounts().stream()
                .filter(m -> m.getName().equals("state")).findFirst().orElseThrow().getMountPath());
    }

    @Test
    void theInternalPortIsOpenToTopologyPodsOnly() {
        NetworkPolicy policy = (NetworkPolicy) TypedManifests.parse(find(base, "NetworkPolicy", "callstream-topology"));
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            boolean internal = rule.getPorts().stream().anyMatch(p -> "internal".equals(p.getPort().getStrVal()));
            if (internal) {
                assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                    assertThat(peer.getNamespaceSelector()).isNull();
                    assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "stream-topology");
                });
            } else {
                assertThat(rule.getFrom()).as("a rule for the query port names who may connect").isNotEmpty();
            }
        }
        NetworkPolicy gatewayPolicy = (NetworkPolicy) TypedManifests.parse(find(base, "NetworkPolicy", "ingest-gateway"));
        assertThat(gatewayPolicy.getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).isNotEmpty().allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNotNull()));
    }

    @Test
    void thePodsLogInToKafkaWithTheirOwnKafkaUser() {
        Map<String, String> userOf = Map.of("ingest-gateway", "callstream-gateway", "stream-topology", "callstream-topology");
        Set<String> users = base.stream().filter(doc -> "KafkaUser".equals(doc.path("kind").asText()))
                .map(doc -> doc.at("/metadata/name").asText()).collect(Collectors.toSet());
        for (Container container : containers()) {
            EnvVar jaas = container.getEnv().stream().filter(e -> e.getName().equals("KAFKA_CLIENT_SASL_JAAS_CONFIG")).findFirst().orElseThrow();
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).isEqualTo(userOf.get(container.getName())).isIn(users);
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
            assertThat(env(container, "KAFKA_CLIENT_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            assertThat(env(container, "KAFKA_CLIENT_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
            assertThat(env(container, "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("callstream-kafka-kafka-bootstrap:" + tlsListenerPort());
        }
    }

    @Test
    void everySecretKeyThePodsReadIsInTheExampleSecret() {
        JsonNode example = RenderedManifests.read(RenderedManifests.DEPLOY.resolve("base/secrets.example.yaml")).get(0);
        for (Container container : containers()) {
            container.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef())
                    .filter(ref -> ref.getName().equals("callstream-secrets"))
                    .forEach(ref -> assertThat(example.at("/stringData").has(ref.getKey())).as(ref.getKey()).isTrue());
        }
    }

    private int tlsListenerPort() {
        io.strimzi.api.kafka.model.kafka.Kafka kafka = (io.strimzi.api.kafka.model.kafka.Kafka) TypedManifests.parse(find(base, "Kafka", "callstream-kafka"));
        var listener = kafka.getSpec().getKafka().getListeners().stream().filter(l -> l.isTls()).findFirst().orElseThrow();
        assertThat(listener.getAuth()).as("the apps' listener authenticates").isNotNull();
        return listener.getPort();
    }

    private static void assertProbes(Container container, String port) {
        for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe())) {
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/healthz");
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(port);
        }
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo(port);
    }

    private Deployment gateway() {
        return (Deployment) TypedManifests.parse(find(base, "Deployment", "ingest-gateway"));
    }

    private StatefulSet topology() {
        return (StatefulSet) TypedManifests.parse(find(base, "StatefulSet", "callstream-topology"));
    }

    private List<Container> containers() {
        List<Container> all = new ArrayList<>(gateway().getSpec().getTemplate().getSpec().getContainers());
        all.addAll(topology().getSpec().getTemplate().getSpec().getContainers());
        return all;
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static int port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst().orElseThrow().getContainerPort();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " does not set " + name));
    }

    static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.at("/metadata/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static List<String> kinds(List<JsonNode> docs) {
        return docs.stream().map(d -> d.path("kind").asText()).toList();
    }

    private static List<JsonNode> renderedOrSkip(String overlay) {
        Optional<List<JsonNode>> rendered = RenderedManifests.overlay(overlay);
        Assumptions.assumeTrue(rendered.isPresent(),
                "no kubectl on PATH: deploy/overlays/" + overlay + " is not rendered here (the base is checked file by file)");
        return rendered.get();
    }
}
