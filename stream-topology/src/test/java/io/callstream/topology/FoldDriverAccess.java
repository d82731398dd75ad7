package io.callstream.topology;

import io.callstream.topology.fold.CallFact;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.callstream.topology.query.local.StoreLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@link FoldDriver} for tests in other packages. */
public final class FoldDriverAccess implements AutoCloseable {

    public static final long APP = FoldDriver.APP;
    public static final Instant START = FoldDriver.START;

    private final FoldDriver driver;

    public FoldDriverAccess() {
        this(TopologyConfig.defaults());
    }

    public FoldDriverAccess(TopologyConfig config) {
        this.driver = new FoldDriver(config);
    }

    /** The driver's wall clock. */
    public Instant now() {
        return driver.now();
    }

    /** Every store of the topology, as the one instance that holds all partitions reads them. */
    public StoreLookup stores() {
        return driver.driver::getKeyValueStore;
    }

    public void send(String callId, List<CallFact> facts) {
        driver.send(callId, facts);
    }

    public void send(String callId, CallFact fact) {
        driver.send(callId, fact);
    }

    public void advance(Duration by) {
        driver.advance(by);
    }

    public LocalRecordQueries queries() {
        return driver.queries();
    }

    public LocalRecordQueries queries(io.callstream.topology.query.QueryDeadline deadline) {
        return driver.queries(deadline);
    }

    @Override
    public void close() {
        driver.close();
    }
}
