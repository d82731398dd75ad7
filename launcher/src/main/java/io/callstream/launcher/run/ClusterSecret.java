package io.callstream.launcher.run;

import java.util.Optional;

/**
 * The local mode's {@code CALLSTREAM_CLUSTER_SECRET}, with which the Streams app's instances sign their requests to
 * each other. Alone on an embedded broker the instance asks no other, but its query APIs need the secret to start: it
 * is the one saved in the data directory, else a new random one saved there (owner-only). Against a cluster it is the
 * operator's to set, the same on every instance, so nothing is generated.
 */
final class ClusterSecret {

    static final String VARIABLE = "CALLSTREAM_CLUSTER_SECRET";

    private ClusterSecret() {
    }

    /** The secret to fill in; empty when the environment sets one or this launch needs none. */
    static Optional<String> forLocalMode(LaunchSettings settings) {
        if (!settings.embeddedBroker() || !settings.role().runsTopology() || settings.env().containsKey(VARIABLE)) {
            return Optional.empty();
        }
        var file = settings.data().clusterSecretFile();
        return Optional.of(SecretFile.read(file, "cluster secret").orElseGet(() -> SecretFile.generate(file, 32, "cluster secret")));
    }
}
