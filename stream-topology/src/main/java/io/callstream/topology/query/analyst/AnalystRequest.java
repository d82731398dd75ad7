package io.callstream.topology.query.analyst;

import java.util.function.UnaryOperator;

/**
 * An authenticated, rate-checked analyst request, as an endpoint sees it.
 *
 * @param sdkAppId  the app whose admin made the request: the only app whose data it may read
 * @param pathParam a path parameter's value by name (e.g. {@code callId})
 */
record AnalystRequest(long sdkAppId, QueryParams params, UnaryOperator<String> pathParam) {
}
