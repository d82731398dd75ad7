package io.callstream.launcher.run;

import io.callstream.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics that do not exist yet, with their settings from {@code schemas}' {@code Topics}. A topic that
 * exists is left as it is (its partitions and configs are the operator's).
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicSetup() {
    }

    /** @return the names of the topics created now */
    public static List<String> ensure(Map<String, Object> adminProperties, List<TopicSpec> topics) throws Exception {
        try (Admin admin = Admin.create(adminProperties)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : topics) {
                if (!existing.contains(spec.name())) {
                    missing.add(spec.toNewTopic(Optional.empty()));
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            List<String> created = new ArrayList<>();
            admin.createTopics(missing).values().forEach((name, future) -> {
                try {
                    future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // another instance was quicker
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
                }
            });
            LOG.atInfo().addKeyValue("topics", created).log("created topics");
            return created;
        }
    }
}
