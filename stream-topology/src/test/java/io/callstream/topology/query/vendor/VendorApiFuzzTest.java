package io.callstream.topology.query.vendor;

import static io.callstream.topology.query.vendor.VendorApiServer.APP;
import static io.callstream.topology.query.vendor.VendorApiServer.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.testkit.FuzzRun;
import io.callstream.topology.query.FuzzValues;
import io.callstream.topology.query.TestRecords;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random bodies and query parameters on the vendor's APIs: each request gets HTTP 200 with a documented error code
 * (0 included) in the API's envelope, never a 500, an internal error or a stack trace; a request line longer than the
 * server reads gets HTTP's 414.
 */
class VendorApiFuzzTest {

    /** Three seeds of 400 requests in the suite; more with {@link FuzzRun}'s properties. */
    private static final FuzzRun RUN = FuzzRun.fromSystemProperties(List.of(1L, 2L, 3L), 400);
    private static final List<String> PATHS = List.of(GetRecordByCallId.PATH, GetRecordsByFilter.PATH, V4GetRecordByFilter.PATH);
    private static final List<String> FIELDS = List.of("callId", "startTimestamp", "endTimestamp", "callType",
            "callResult", "page", "numberPerPage", "StartTime", "EndTime", "CallType", "CallResult", "Page",
            "NumberPerPage");
    private static final List<String> PARAMS = List.of("sdkappid", "identifier", "usersig", "random", "contenttype");
    /** docs/query-api.md, "Error codes", without 101001: nothing here is unavailable. */
    private static final List<Integer> CODES = List.of(0, 70001, 70002, 70003, 70004, 70005, 70009, 70011, 101050);

    private static Vertx vertx;
    private static VendorApiServer api;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        api = new VendorApiServer(vertx, VendorApiServer.relaxed());
        api.queries.add(TestRecords.record(APP, "c1", NOW - 60).build());
    }

    @AfterAll
    static void stop() {
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    static List<Long> seeds() {
        return RUN.seeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRequestGetsADocumentedAnswer(long seed) {
        FuzzValues fuzz = new FuzzValues(seed);
        for (int i = 0; i < RUN.requests(); i++) {
            String path = fuzz.oneOf(PATHS);
            Map<String, String> params = VendorApiServer.adminParams(APP);
            if (fuzz.chance(0.2)) {
                params.put(fuzz.name(PARAMS), fuzz.chance(0.2) ? null : fuzz.value());
            }
            String body = body(fuzz);

            boolean tooLong = ("POST " + path + "?" + VendorApiServer.queryOf(params) + " HTTP/1.1").length()
                    > FuzzValues.REQUEST_LINE_BYTES;

            VendorApiServer.Reply reply = tooLong ? api.postOnNewConnection(path, params, body) : api.post(path, params, body);

            String what = "seed " + seed + ", request " + i + ": POST " + path + " "
                    + FuzzValues.abbreviated(params.toString()) + " " + FuzzValues.abbreviated(body) + " → "
                    + reply.status() + " " + FuzzValues.abbreviated(reply.body());
            if (tooLong) {
                assertThat(reply.status()).as(what).isEqualTo(414); // HTTP's own answer: the server reads no further
                continue;
            }
            assertThat(reply.status()).as(what).isEqualTo(200);
            assertThat(reply.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            JsonObject json = reply.json();
            Integer code = json.containsKey("ErrorCode") ? json.getInteger("ErrorCode") : json.getInteger("errorCode");
            assertThat(code).as(what).isIn(CODES);
        }
    }

    /** A JSON object of the APIs' fields with values of any type, or text that is not one. */
    private static String body(FuzzValues fuzz) {
        int kind = fuzz.nextInt(10);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            return fuzz.value();
        }
        JsonObject body = new JsonObject();
        for (int f = fuzz.nextInt(5); f > 0; f--) {
            body.put(fuzz.name(FIELDS), jsonValue(fuzz));
        }
        return kind == 2 ? new JsonArray().add(body).encode() : body.encode();
    }

    private static Object jsonValue(FuzzValues fuzz) {
        String text = fuzz.value();
        return switch (fuzz.nextInt(6)) {
            case 0, 1 -> text;
            case 2 -> number(text);
            case 3 -> fuzz.chance(0.5);
            case 4 -> null;
            default -> new JsonArray().add(text);
        };
    }

    private static Object number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notANumber) {
                return text.length();
            }
        }
    }
}
