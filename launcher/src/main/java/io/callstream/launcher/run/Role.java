package io.callstream.launcher.run;

/** Which services this process runs: one artifact serves every deployment. */
public enum Role {
    /** The callback gateway only (stateless; scale it out behind a load balancer). */
    GATEWAY,
    /** The Streams app and its query APIs only. */
    TOPOLOGY,
    /** Both, in one JVM: the local mode, and small deployments. */
    ALL;

    public boolean runsGateway() {
        return this != TOPOLOGY;
    }

    public boolean runsTopology() {
        return this != GATEWAY;
    }
}
