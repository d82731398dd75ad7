package io.callstream.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.schemas.topic.TopicSpec;
import io.callstream.schemas.topic.Topics;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The KafkaUsers of deploy/base/kafka/users.yaml allow what each app does with the topics of {@link Topics}, its
 * consumer group and its transactional ids, and no more than that on callstream's topics.
 */
class DeployedAclsTest {

    private final List<JsonNode> base = RenderedManifests.base();
    private final List<AclRule> gateway = acls("callstream-gateway");
    private final List<AclRule> topology = acls("callstream-topology");
    private final String applicationId = DeployManifestsTest.find(base, "StatefulSet", "callstream-topology")
            .at("/spec/template/spec/containers/0/env").findParents("name").stream()
            .filter(e -> e.path("name").asText().equals("CALLSTREAM_APPLICATION_ID")).findFirst().orElseThrow()
            .path("value").asText();

    @Test
    void theGatewayWritesTheEventsAndTheirDeadLettersIdempotently() {
        for (TopicSpec topic : List.of(Topics.EVENTS, Topics.EVENTS_DLQ)) {
            assertThat(allowed(gateway, topic.name())).as(topic.name()).contains(AclOperation.WRITE, AclOperation.DESCRIBE);
        }
        assertThat(clusterOperations(gateway)).contains(AclOperation.IDEMPOTENTWRITE);
        assertThat(Topics.all()).filteredOn(t -> t != Topics.EVENTS && t != Topics.EVENTS_DLQ)
                .allSatisfy(t -> assertThat(allowed(gateway, t.name())).as("gateway on %s", t.name()).isEmpty());
    }

    @Test
    void theTopologyReadsTheEventsAndWritesWhatItDerives() {
        assertThat(allowed(topology, Topics.EVENTS.name())).as("its retention read at start, too")
                .containsExactlyInAnyOrder(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBECONFIGS);
        for (TopicSpec topic : List.of(Topics.CALL_RECORDS, Topics.CONCURRENCY, Topics.DAILY_STATS)) {
            assertThat(allowed(topology, topic.name())).as(topic.name()).contains(AclOperation.WRITE, AclOperation.DESCRIBE)
                    .doesNotContain(AclOperation.ALL, AclOperation.DELETE);
        }
        assertThat(allowed(topology, Topics.EVENTS_DLQ.name())).as("the gateway's DLQ").isEmpty();
    }

    @Test
    void everyTopicIsUsedBySomeApp() {
        assertThat(Topics.all()).allSatisfy(topic -> assertThat(Stream.concat(gateway.stream(), topology.stream())
                .anyMatch(rule -> covers(rule, topic.name()))).as(topic.name()).isTrue());
    }

    @Test
    void theTopologyOwnsItsInternalTopicsGroupAndTransactionalIds() {
        assertThat(applicationId).isEqualTo("callstream-topology");
        assertThat(allowed(topology, applicationId + "-fold-store-changelog")).contains(AclOperation.ALL);
        assertThat(topology).anySatisfy(rule -> {
            assertThat(rule.getResource()).isInstanceOfSatisfying(AclRuleGroupResource.class, group -> {
                assertThat(group.getName()).isEqualTo(applicationId);
                assertThat(group.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
            });
            assertThat(rule.getOperations()).contains(AclOperation.READ);
        });
        assertThat(topology).anySatisfy(rule -> {
            assertThat(rule.getResource()).isInstanceOfSatisfying(AclRuleTransactionalIdResource.class, id -> {
                assertThat(id.getName()).isEqualTo(applicationId + "-");
                assertThat(id.getPatternType()).isEqualTo(AclResourcePatternType.PREFIX);
            });
            assertThat(rule.getOperations()).contains(AclOperation.WRITE, AclOperation.DESCRIBE);
        });
        assertThat(clusterOperations(topology)).contains(AclOperation.IDEMPOTENTWRITE);
    }

    private List<AclRule> acls(String user) {
        KafkaUser kafkaUser = (KafkaUser) TypedManifests.parse(DeployManifestsTest.find(base, "KafkaUser", user));
        List<AclRule> rules = ((KafkaUserAuthorizationSimple) kafkaUser.getSpec().getAuthorization()).getAcls();
        assertThat(rules).as(user).allSatisfy(rule -> assertThat(rule.getType()).isIn(null, AclRuleType.ALLOW));
        return rules;
    }

    private static Set<AclOperation> allowed(List<AclRule> rules, String topic) {
        return rules.stream().filter(rule -> covers(rule, topic)).flatMap(rule -> rule.getOperations().stream())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static boolean covers(AclRule rule, String topic) {
        if (!(rule.getResource() instanceof AclRuleTopicResource resource)) {
            return false;
        }
        return resource.getPatternType() == AclResourcePatternType.PREFIX ? topic.startsWith(resource.getName())
                : topic.equals(resource.getName());
    }

    private static Set<AclOperation> clusterOperations(List<AclRule> rules) {
        return rules.stream().filter(rule -> rule.getResource() instanceof AclRuleClusterResource)
                .flatMap(rule -> rule.getOperations().stream()).collect(java.util.stream.Collectors.toSet());
    }
}
