package io.callstream.launcher.e2e;

import io.callstream.service.usersig.UserSig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A client of the v1 records APIs as an app's admin would write one: one UserSig for the session, and a retry on
 * 101001 ("internal error, retry"), which the service answers while it cannot give a complete answer.
 */
final class VendorRecordsApi {

    static final int RETRY_LATER = 101001;
    private static final int PER_PAGE = 100;
    private static final int MAX_ATTEMPTS = 50;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final String query;

    VendorRecordsApi(String baseUrl, long sdkAppId, String secretKey) {
        this.baseUrl = baseUrl;
        String sig = UserSig.generate(sdkAppId, secretKey, "administrator", Duration.ofHours(1), Instant.now());
        this.query = "?sdkappid=" + sdkAppId + "&identifier=administrator&usersig=" + sig + "&random=7&contenttype=json";
    }

    /** {@code totalNum} of get_records_by_filter over the range; 0 when nothing matches yet (70011). */
    long count(long from, long to) throws Exception {
        JsonObject answer = call("get_records_by_filter", filter(from, to, 1));
        return answer.getInteger("errorCode") == 0 ? answer.getJsonObject("data").getLong("totalNum") : 0;
    }

    /** Every page of get_records_by_filter over the range, in order; each page must report the same total. */
    List<JsonObject> allPages(long from, long to) throws Exception {
        List<JsonObject> records = new ArrayList<>();
        long total = -1;
        for (int page = 1; total < 0 || (long) (page - 1) * PER_PAGE < total; page++) {
            JsonObject answer = call("get_records_by_filter", filter(from, to, page));
            if (answer.getInteger("errorCode") != 0) {
                throw new AssertionError("page " + page + ": " + answer.encode());
            }
            JsonObject data = answer.getJsonObject("data");
            if (total >= 0 && data.getLong("totalNum") != total) {
                throw new AssertionError("totalNum changed from " + total + " to " + data.getLong("totalNum") + " at page " + page);
            }
            total = data.getLong("totalNum");
            data.getJsonArray("callRecordList").forEach(r -> records.add((JsonObject) r));
        }
        return records;
    }

    /** get_record_by_callId for each id, {@code parallel} requests at a time: the answers' {@code data}, by call id. */
    Map<String, JsonObject> byCallId(Collection<String> callIds, int parallel) throws Exception {
        Map<String, JsonObject> found = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(parallel);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (String callId : callIds) {
            slots.acquire();
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    JsonObject answer = call("get_record_by_callId", new JsonObject().put("callId", callId));
                    found.put(callId, answer.getInteger("errorCode") == 0 ? answer.getJsonObject("data") : answer);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    slots.release();
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return found;
    }

    private static JsonObject filter(long from, long to, int page) {
        return new JsonObject().put("startTimestamp", from).put("endTimestamp", to).put("numberPerPage", PER_PAGE).put("page", page);
    }

    private JsonObject call(String api, JsonObject body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/records/" + api + query))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
        for (int attempt = 1; ; attempt++) {
            JsonObject answer = new JsonObject(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            if (answer.getInteger("errorCode") != RETRY_LATER || attempt == MAX_ATTEMPTS) {
                return answer;
            }
            Thread.sleep(100);
        }
    }
}
