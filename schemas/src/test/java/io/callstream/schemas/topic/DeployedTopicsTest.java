package io.callstream.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Strimzi topics in deploy/ are the topics of {@link Topics}: same names, partitions and settings. */
class DeployedTopicsTest {

    private static final Path MANIFEST = Path.of("..", "deploy", "base", "kafka", "topics.yaml");

    @Test
    void everyTopicIsDeployedWithItsPartitionsAndSettings() throws IOException {
        Map<String, JsonNode> deployed = new HashMap<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(Files.newBufferedReader(MANIFEST))) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && "KafkaTopic".equals(doc.path("kind").asText())) {
                    deployed.put(doc.path("metadata").path("name").asText(), doc.path("spec"));
                }
            }
        }

        assertThat(deployed.keySet()).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
        for (TopicSpec spec : Topics.all()) {
            JsonNode topic = deployed.get(spec.name());
            assertThat(topic.path("partitions").asInt()).as("%s partitions", spec.name()).isEqualTo(spec.partitions());
            spec.configs().forEach((key, value) -> assertThat(topic.path("config").path(key).asText())
                    .as("%s %s", spec.name(), key).isEqualTo(value));
        }
    }
}
