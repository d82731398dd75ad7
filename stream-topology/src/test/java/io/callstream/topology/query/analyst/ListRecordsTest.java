package io.callstream.topology.query.analyst;

import static io.callstream.topology.query.analyst.AnalystApiServer.APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.OTHER_APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.START;
import static io.callstream.topology.query.analyst.AnalystApiServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.Participant;
import io.callstream.topology.query.GeneratedRecords;
import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/v1/records}: filters, orders, both paginations, times and the retention, against a brute force. */
class ListRecordsTest {

    private static final long NOW = START.getEpochSecond();
    private static final long DAY = 86_400;

    private final AnalystApiServer api = AnalystApiServer.start();
    private final GeneratedRecords generator = new GeneratedRecords(APP, 42);
    /** 300 records of the last 20 hours, all of this app. */
    private final List<CallRecord> recent = generator.finished(300, NOW - 20 * 3600, 20 * 3600);
    private final List<CallRecord> sixtyDaysAgo = generator.finished(40, NOW - 60 * DAY, 3600);
    private final List<CallRecord> pastRetention = generator.finished(40, NOW - 100 * DAY, 3600);

    ListRecordsTest() {
        api.queries.addFinished(recent);
        api.queries.addFinished(sixtyDaysAgo);
        api.queries.addFinished(pastRetention);
        api.queries.addFinished(new GeneratedRecords(OTHER_APP, 7).finished(100, NOW - 20 * 3600, 20 * 3600));
    }

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void byDefaultTheLast24HoursOldestFirst() {
        JsonObject page = api.get("/api/v1/records?limit=1000").json();
        assertThat(page.fieldNames()).containsExactlyInAnyOrder("totalNum", "records", "nextCursor", "from", "to",
                "fromClamped");
        assertThat(page.getLong("from")).isEqualTo(NOW - DAY);
        assertThat(page.getLong("to")).isEqualTo(NOW);
        assertThat(page.getBoolean("fromClamped")).isFalse();
        assertThat(page.getLong("totalNum")).isEqualTo(300);
        assertThat(page.getString("nextCursor")).isNull();
        assertThat(ids(page)).containsExactlyElementsOf(ids(sorted(recent, false)));
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("callType=single", (Predicate<CallRecord>) r -> r.getCallType().equals("single")),
                Arguments.of("callType=group", (Predicate<CallRecord>) r -> r.getCallType().equals("group")),
                Arguments.of("result=normal_end", result(CallResult.normal_end)),
                Arguments.of("result=failed", result(CallResult.failed)),
                Arguments.of("result=unknown", result(CallResult.unknown)),
                Arguments.of("result=cancel&result=reject", result(CallResult.cancel).or(result(CallResult.reject))),
                Arguments.of("result=cancel,reject&result=not_answer", result(CallResult.cancel)
                        .or(result(CallResult.reject)).or(result(CallResult.not_answer))),
                Arguments.of("mediaType=video", (Predicate<CallRecord>) r -> r.getMediaType().equals("video")),
                Arguments.of("mediaType=audio", (Predicate<CallRecord>) r -> r.getMediaType().equals("audio")),
                Arguments.of("userId=alice", (Predicate<CallRecord>) r -> RecordFilter.involves(r, "alice")),
                Arguments.of("userId=nobody", (Predicate<CallRecord>) r -> false),
                Arguments.of("callType=group&mediaType=audio&userId=bob&result=normal_end",
                        (Predicate<CallRecord>) r -> r.getCallType().equals("group") && r.getMediaType().equals("audio")
                                && RecordFilter.involves(r, "bob") && r.getCallResult() == CallResult.normal_end));
    }

    private static Predicate<CallRecord> result(CallResult result) {
        return r -> r.getCallResult() == result;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void eachFilterAndTheirCombination(String query, Predicate<CallRecord> expected) {
        List<CallRecord> matching = recent.stream().filter(expected).toList();
        assertThat(matching.size()).as("the generated data exercises this filter").isLessThan(recent.size());
        for (boolean desc : new boolean[] {false, true}) {
            JsonObject page = api.get("/api/v1/records?limit=1000&order=" + (desc ? "desc&" : "asc&") + query).json();
            assertThat(page.getLong("totalNum")).isEqualTo(matching.size());
            assertThat(ids(page)).containsExactlyElementsOf(ids(sorted(matching, desc)));
        }
    }

    @Test
    void byCallId() {
        CallRecord one = recent.get(17);
        JsonObject page = api.get("/api/v1/records?callId=" + encode(one.getCallId())).json();
        assertThat(ids(page)).containsExactly(one.getCallId());
    }

    @Test
    void userIdMatchesTheCallerACalleeOrAParticipant() {
        Participant joined = Participant.newBuilder().setUserId("zoe").setJoinTs(NOW - 50).setPlatform("Web").build();
        CallRecord withCaller = CallRecord.newBuilder(recent.get(0)).setCallId("x-caller").setCaller("zoe").build();
        CallRecord withCallee = CallRecord.newBuilder(recent.get(1)).setCallId("x-callee")
                .setCallees(List.of("bob", "zoe")).build();
        CallRecord withJoiner = CallRecord.newBuilder(recent.get(2)).setCallId("x-joined")
                .setParticipants(List.of(joined)).build();
        api.queries.addFinished(List.of(withCaller, withCallee, withJoiner));
        assertThat(ids(api.get("/api/v1/records?userId=zoe").json()))
                .containsExactlyInAnyOrder("x-caller", "x-callee", "x-joined");
    }

    @Test
    void ordersByStartTimeThenCallId() {
        List<String> asc = ids(api.get("/api/v1/records?limit=1000&order=asc").json());
        List<String> desc = ids(api.get("/api/v1/records?limit=1000&order=desc").json());
        List<String> byDefault = ids(api.get("/api/v1/records?limit=1000").json());
        assertThat(asc).containsExactlyElementsOf(ids(sorted(recent, false)));
        List<String> reversed = new ArrayList<>(asc);
        Collections.reverse(reversed);
        assertThat(desc).containsExactlyElementsOf(reversed);
        assertThat(byDefault).isEqualTo(asc);
        // Many records share a start second, so the call-id tie-break decides their order.
        assertThat(recent.stream().map(CallRecord::getStartCallTs).distinct().count()).isLessThan(recent.size());
    }

    @ParameterizedTest(name = "order={0}")
    @ValueSource(strings = {"asc", "desc"})
    void cursorPagesCoverEveryRecordExactlyOnceWhileRecordsArrive(String order) {
        Set<String> before = new HashSet<>(ids(sorted(recent, false)));
        GeneratedRecords arriving = new GeneratedRecords(APP, 99);
        List<String> seen = new ArrayList<>();
        List<JsonObject> seenRecords = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = api.get("/api/v1/records?limit=7&order=" + order
                    + (cursor == null ? "" : "&cursor=" + encode(cursor))).json();
            assertThat(page.getLong("from")).isEqualTo(NOW - DAY); // the cursor keeps the first page's range
            assertThat(page.getLong("to")).isEqualTo(NOW);
            page.getJsonArray("records").forEach(r -> seenRecords.add((JsonObject) r));
            seen.addAll(ids(page));
            cursor = page.getString("nextCursor");
            // Between pages: time passes, and calls finish at every place of the order, before and after the cursor.
            api.clock.advanceMillis(Duration.ofMinutes(1).toMillis());
            api.queries.addFinished(arriving.finished(3, NOW - 20 * 3600, 20 * 3600));
            pages++;
        } while (cursor != null);
        assertThat(pages).isGreaterThan(300 / 7);
        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
        List<Long> starts = seenRecords.stream().map(r -> r.getLong("startCallTs")).toList();
        assertThat(starts).isSortedAccordingTo("asc".equals(order) ? Comparator.naturalOrder() : Comparator.reverseOrder());
    }

    @Test
    void pagesByNumber() {
        List<String> expected = ids(sorted(recent, false));
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 12; page++) {
            JsonObject json = api.get("/api/v1/records?limit=25&page=" + page).json();
            assertThat(json.getLong("totalNum")).isEqualTo(300);
            assertThat(json.getString("nextCursor") == null).isEqualTo(page == 12);
            seen.addAll(ids(json));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        JsonObject beyond = api.get("/api/v1/records?limit=25&page=13").json();
        assertThat(beyond.getJsonArray("records")).isEmpty();
        assertThat(beyond.getLong("totalNum")).isEqualTo(300);
        assertThat(beyond.getString("nextCursor")).isNull();
    }

    @Test
    void aPageNumberPastTheDepthIsEmptyPastTheEndAndRefusedBeforeIt() {
        JsonObject absurd = api.get("/api/v1/records?limit=1&page=2147483647").json();
        assertThat(absurd.getJsonArray("records")).isEmpty();
        assertThat(absurd.getLong("totalNum")).isEqualTo(300);
        assertThat(absurd.getString("nextCursor")).isNull();

        api.queries.addFinished(generator.finished(PageRequest.MAX_DEPTH, NOW - 10 * 3600, 3600));
        int lastPage = PageRequest.MAX_DEPTH / 1000;
        assertThat(api.get("/api/v1/records?limit=1000&page=" + lastPage).json().getJsonArray("records")).hasSize(1000);
        AnalystApiServer.Response deep = api.get("/api/v1/records?limit=1000&page=" + (lastPage + 1));
        assertThat(deep.status()).as(deep.toString()).isEqualTo(400);
        assertThat(deep.json().getInteger("errorCode")).isEqualTo(70001);
        assertThat(deep.json().getString("errorMessage")).contains("nextCursor");
    }

    @Test
    void aNumberedPagesNextCursorContinuesWhereItEnds() {
        JsonObject second = api.get("/api/v1/records?limit=25&page=2").json();
        JsonObject third = api.get("/api/v1/records?limit=25&cursor=" + encode(second.getString("nextCursor"))).json();
        assertThat(ids(third)).isEqualTo(ids(api.get("/api/v1/records?limit=25&page=3").json()));
    }

    @Test
    void limitDefaultsTo50() {
        JsonObject page = api.get("/api/v1/records").json();
        assertThat(page.getJsonArray("records")).hasSize(50);
        assertThat(page.getString("nextCursor")).isNotNull();
        assertThat(api.get("/api/v1/records?limit=1000").json().getJsonArray("records")).hasSize(300);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "from=1772229600&to=1772294400",
            "from=2026-02-27T22:00:00Z&to=2026-02-28T16:00:00Z",
            "from=2026-02-28T06:00:00%2B08:00&to=2026-03-01T00:00:00%2B08:00",
            "from=2026-02-27T22:00:00.000Z&to=2026-02-28T16:00:00.999Z",
            // A '+' left unescaped arrives as a space; the offset is still understood.
            "from=2026-02-28T06:00:00+08:00&to=2026-02-28T09:00:00-07:00",
    })
    void timesInSecondsOrIso8601(String query) {
        JsonObject page = api.get("/api/v1/records?limit=1000&" + query).json();
        assertThat(page.getLong("from")).isEqualTo(1772229600L); // 2026-02-27T22:00:00Z
        assertThat(page.getLong("to")).isEqualTo(1772294400L); // 2026-02-28T16:00:00Z
        List<CallRecord> inRange = recent.stream()
                .filter(r -> r.getStartCallTs() >= 1772229600L && r.getStartCallTs() <= 1772294400L).toList();
        assertThat(inRange).isNotEmpty().hasSizeLessThan(recent.size());
        assertThat(ids(page)).containsExactlyElementsOf(ids(sorted(inRange, false)));
    }

    @Test
    void aFractionOfASecondNarrowsTheRangeNeverWidensIt() {
        JsonObject page = api.get("/api/v1/records?from=2026-02-27T22:00:00.5Z&to=2026-02-28T16:00:00.5Z").json();
        assertThat(page.getLong("from")).isEqualTo(1772229601L);
        assertThat(page.getLong("to")).isEqualTo(1772294400L);
    }

    @Test
    void onlyToGivenMeansTheDayBeforeIt() {
        JsonObject page = api.get("/api/v1/records?to=" + (NOW - 3600)).json();
        assertThat(page.getLong("from")).isEqualTo(NOW - 3600 - DAY);
        assertThat(page.getLong("to")).isEqualTo(NOW - 3600);
    }

    @Test
    void aRangeOfAnyLengthWithinTheRetention() {
        JsonObject page = api.get("/api/v1/records?limit=1000&from=" + (NOW - 89 * DAY)).json();
        assertThat(page.getBoolean("fromClamped")).isFalse();
        assertThat(page.getLong("totalNum")).isEqualTo(340);
    }

    @Test
    void aRangeReachingPastTheRetentionIsClampedAndSaysSo() {
        JsonObject page = api.get("/api/v1/records?limit=1000&from=" + (NOW - 100 * DAY) + "&to=" + NOW).json();
        assertThat(page.getLong("from")).isEqualTo(NOW - 90 * DAY);
        assertThat(page.getBoolean("fromClamped")).isTrue();
        assertThat(page.getLong("totalNum")).isEqualTo(340); // not the 40 of 100 days ago
        assertThat(api.queries.filtersAsked).last().extracting(RecordFilter::fromTs).isEqualTo(NOW - 90 * DAY);
    }

    @Test
    void aRangeWhollyPastTheRetentionIsEmptyWithoutAQuery() {
        JsonObject page = api.get("/api/v1/records?from=" + (NOW - 120 * DAY) + "&to=" + (NOW - 100 * DAY)).json();
        assertThat(page.getLong("totalNum")).isZero();
        assertThat(page.getJsonArray("records")).isEmpty();
        assertThat(page.getBoolean("fromClamped")).isTrue();
        assertThat(api.queries.filtersAsked).isEmpty();
    }

    @Test
    void theRetentionIsConfigurable() {
        try (AnalystApiServer shortRetention = new AnalystApiServer(new AnalystApiConfig(1000, Duration.ofDays(30),
                Duration.ofSeconds(5), AnalystApiConfig.DEFAULT_STATS_RETENTION))) {
            shortRetention.queries.addFinished(sixtyDaysAgo);
            JsonObject page = shortRetention.get("/api/v1/records?from=" + (NOW - 60 * DAY)).json();
            assertThat(page.getLong("from")).isEqualTo(NOW - 30 * DAY);
            assertThat(page.getBoolean("fromClamped")).isTrue();
            assertThat(page.getLong("totalNum")).isZero();
        }
    }

    private static List<CallRecord> sorted(List<CallRecord> records, boolean descending) {
        return records.stream().sorted(descending ? LocalRecordQueries.ORDER.reversed() : LocalRecordQueries.ORDER)
                .toList();
    }

    private static List<String> ids(List<CallRecord> records) {
        return records.stream().map(CallRecord::getCallId).toList();
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("records").stream().map(r -> ((JsonObject) r).getString("callId")).toList();
    }
}
