package io.callstream.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a real Kafka cluster: declare a {@link KafkaCluster} parameter on a test, lifecycle
 * method or constructor. The cluster is chosen once per test JVM (see {@link KafkaClusterExtension}) and shared by
 * every test class in it, so tests should use their own topic names ({@link KafkaCluster#newTopicName}).
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaClusterExtension.class)
public @interface WithKafka {
}
