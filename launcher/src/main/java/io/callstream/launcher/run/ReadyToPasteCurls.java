package io.callstream.launcher.run;

import io.callstream.service.usersig.UserSig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The curl commands the launcher prints, each complete and valid as printed: a callback of a finished 1v1 call, the
 * vendor-compatible queries that read it back and the analyst API's statistics, signed with a fresh UserSig of the
 * app's admin; and the dashboard's sign-in link with the same UserSig. Arguments are in
 * single quotes and contain none, so they paste into any POSIX shell.
 */
public final class ReadyToPasteCurls {

    /** How long the printed UserSig is valid. */
    public static final Duration USERSIG_LIFETIME = Duration.ofDays(1);

    /**
     * @param callId         the example call's id
     * @param callback       a caller's {@code normal_end} status callback: alone, it decides the call (R5.1), so its
     *                       record is emitted a settle delay later
     * @param recordsByFilter {@code get_records_by_filter} over the last day
     * @param recordByCallId  {@code get_record_by_callId} of the example call
     * @param statsOverview   the analyst API's today/this-month overview, calls live now included
     * @param concurrency     the analyst API's maximum concurrency per minute over the last hour, calls in progress included
     * @param dashboard       the dashboard's sign-in link: the UserSig in the fragment, which a browser never sends
     */
    public record Examples(String callId, String callback, String recordsByFilter, String recordByCallId,
                           String statsOverview, String concurrency, String dashboard) {
    }

    private ReadyToPasteCurls() {
    }

    /**
     * @param callbackUrl the gateway's callback URL, e.g. {@code http://localhost:8080/callback} (its token included
     *                    when it requires one); null when this process runs no gateway
     * @param queryBase   e.g. {@code http://localhost:8081}; null when this process runs no query API (or no key)
     */
    public static Examples of(String callbackUrl, String queryBase, long sdkAppId, String admin, String secretKey,
                              String callId, Instant now) {
        String callback = callbackUrl == null ? null : callback(callbackUrl, sdkAppId, callId, now);
        String byFilter = null;
        String byCallId = null;
        String overview = null;
        String concurrency = null;
        String dashboard = null;
        if (queryBase != null && secretKey != null) {
            String userSig = UserSig.generate(sdkAppId, secretKey, admin, USERSIG_LIFETIME, now);
            long random = ThreadLocalRandom.current().nextLong(0, 1L << 32);
            String query = "sdkappid=" + sdkAppId + "&identifier=" + admin + "&usersig=" + userSig + "&random=" + random
                    + "&contenttype=json";
            byFilter = post(queryBase + "/v1/records/get_records_by_filter?" + query, new JsonObject()
                    .put("startTimestamp", now.getEpochSecond() - 86_400).put("numberPerPage", 20));
            byCallId = post(queryBase + "/v1/records/get_record_by_callId?" + query, new JsonObject().put("callId", callId));
            overview = get(queryBase + "/api/v1/stats/overview", userSig);
            concurrency = get(queryBase + "/api/v1/concurrency?granularity=minute", userSig);
            dashboard = queryBase + "/dashboard/#usersig=" + userSig;
        }
        return new Examples(callId, callback, byFilter, byCallId, overview, concurrency, dashboard);
    }

    private static String callback(String callbackUrl, long sdkAppId, String callId, Instant now) {
        long t = now.getEpochSecond();
        JsonObject body = new JsonObject()
                .put("UserId", "alice").put("RoomId", "demo-room").put("TotalNum", 2).put("MediaType", "audio")
                .put("CallType", "single").put("CallId", callId).put("Role", "caller").put("CallResult", "normal_end")
                .put("EventTime", t).put("StartCallTs", t - 65).put("AcceptTs", t - 60).put("EndTs", t);
        return post(callbackUrl + "?sdkappid=" + sdkAppId
                + "&command=normal_end&contenttype=json&clientip=127.0.0.1&optplatform=Web", body);
    }

    private static String get(String url, String userSig) {
        return "curl -s -H 'Authorization: Bearer " + userSig + "' '" + url + "'";
    }

    private static String post(String url, JsonObject body) {
        return "curl -s -XPOST '" + url + "' -H 'Content-Type: application/json' -d '" + body.encode() + "'";
    }
}
