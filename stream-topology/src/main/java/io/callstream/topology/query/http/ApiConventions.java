package io.callstream.topology.query.http;

import io.callstream.topology.query.PageTooDeepException;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.auth.AuthResult;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * What legitimately differs between the query APIs within {@link RequestPipeline}: their request ids, their client
 * error type, and the words, codes, statuses and envelope of their answers. Which outcome a request has, how it is
 * logged and on which thread it is answered are the pipeline's, the same for every API.
 *
 * @param <E> the API's client error: an answer with a message for the client, not a fault
 */
public interface ApiConventions<E extends RuntimeException> {

    Class<E> clientError();

    String newRequestId();

    E denied(AuthResult.Denied denied);

    E rateLimited(ApiRoute route, long sdkAppId);

    /** A page that would end past the records paging reaches: the client's to fix. */
    E tooDeep(PageTooDeepException deep);

    Answer success(String requestId, JsonObject payload);

    Answer refused(String requestId, E error);

    /** The records cannot be complete right now (rebalance, restore, an owner unreachable): the client retries. */
    Answer unavailable(String requestId, QueryUnavailableException cause);

    /** No answer within the API's deadline: the client retries. */
    Answer timedOut(String requestId, Duration deadline);

    /** A fault of ours; the answer says no more than the request id, which the log line carries too. */
    Answer internal(String requestId);

    /** Called once per request with its outcome code and how long it took, e.g. for metrics. */
    default void answered(ApiRoute route, int code, long nanos) {
    }
}
