package io.callstream.launcher.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration of the launcher's single-node broker: one process that is both KRaft controller and broker,
 * listening on loopback only, with one replica of everything.
 *
 * <p>The quorum is static ({@code controller.quorum.voters}), not the dynamic quorum of {@code --standalone}: a
 * dynamic quorum writes the controller's endpoint into the metadata log at format time, so the controller could never
 * move to another port; with a static voter set the endpoint comes from this configuration on every start, and the
 * controller port can be any free port each time.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerProperties() {
    }

    static Map<String, String> of(Path logDir, String host, int port, int controllerPort) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("listeners", CLIENT_LISTENER + "://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // One broker holds one replica: the internal topics' defaults (3) would leave consumer groups and transactions
        // (the Streams app runs exactly-once) without a coordinator forever.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Fewer internal partitions than a production cluster's 50: they are created on first use, and 50 logs cost a
        // laptop seconds and file handles for nothing.
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.num.partitions", "6");
        // The Streams app's group forms at once instead of waiting for more members that will not come.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created by the launcher with their settings (schemas' Topics), never implicitly by a typo.
        props.put("auto.create.topics.enable", "false");
        return props;
    }
}
