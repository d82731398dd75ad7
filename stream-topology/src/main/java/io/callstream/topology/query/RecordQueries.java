package io.callstream.topology.query;

import io.callstream.schemas.CallRecord;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * What the query APIs ask of the materialized state, whichever instance holds it. The implementation over Kafka
 * Streams' interactive queries answers from the local stores or asks the instance that owns the data; the HTTP layers
 * (vendor-compatible v1/v4, analyst API) only translate requests and responses.
 *
 * <p>Every method fails its future with {@link QueryUnavailableException} when the answer cannot be complete (a
 * rebalance in progress, an owner unreachable): a partial answer is never returned as if it were whole.
 */
public interface RecordQueries {

    /** The finished record of a call (its latest revision), if the call is known and has been emitted. */
    Future<Optional<CallRecord>> record(long sdkAppId, String callId);

    /** Finished records matching the filter, in the filter's order (start time, then call id), one page of them. */
    Future<RecordPage> records(RecordFilter filter, PageRequest page);

    /**
     * A call still in progress (open in the fold's state): its record folded from the facts known so far, with
     * {@code closedBy} null and {@code endTs}/{@code callResult} null unless already known.
     */
    Future<Optional<CallRecord>> openCall(long sdkAppId, String callId);

    /** Calls still in progress, newest start first. */
    Future<RecordPage> openCalls(long sdkAppId, PageRequest page);
}
