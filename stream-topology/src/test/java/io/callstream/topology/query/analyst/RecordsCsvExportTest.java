package io.callstream.topology.query.analyst;

import static io.callstream.topology.query.analyst.AnalystApiServer.APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.OTHER_APP;
import static io.callstream.topology.query.analyst.AnalystApiServer.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.topology.query.GeneratedRecords;
import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.local.LocalRecordQueries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/records} with {@code Accept: text/csv}: every record of the filter, page after page, in the
 * listing's order, escaped per RFC 4180; the listing's credentials and errors; JSON unless CSV is preferred.
 */
class RecordsCsvExportTest {

    private static final String RECORDS = "/api/v1/records";
    private static final Map<String, String> CSV = Map.of("Accept", "text/csv");
    private static final long NOW = START.getEpochSecond();

    private final AnalystApiServer api = AnalystApiServer.start();
    /** More than two pages of the export. */
    private final List<CallRecord> recent = new GeneratedRecords(APP, 5).finished(2_500, NOW - 20 * 3600, 20 * 3600);

    RecordsCsvExportTest() {
        api.queries.addFinished(recent);
        api.queries.addFinished(new GeneratedRecords(OTHER_APP, 6).finished(50, NOW - 3600, 3600));
    }

    @AfterEach
    void close() {
        api.close();
    }

    private AnalystApiServer.Response csv(String uri) {
        return api.send(api.withCredentials(uri), CSV);
    }

    /** The CSV's lines, its header first; asserts a 200 CSV answer ended by CRLF. */
    private static List<String> lines(AnalystApiServer.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/csv");
        String body = response.http().bodyAsString();
        assertThat(body).endsWith("\r\n");
        return Arrays.asList(body.split("\r\n"));
    }

    private static List<String> callIds(List<String> lines) {
        return lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    @Test
    void everyRecordOfTheRangeInTheListingsOrderReadAPageAtATime() {
        List<String> lines = lines(csv(RECORDS));
        assertThat(lines.get(0)).isEqualTo(RecordCsv.header().strip());
        List<String> expected = recent.stream().sorted(LocalRecordQueries.ORDER).map(CallRecord::getCallId).toList();
        assertThat(callIds(lines)).containsExactlyElementsOf(expected);
        // Three pages of 1,000: the first from the start, the others each after the previous page's last record.
        List<PageRequest> pages = api.queries.pagesAsked;
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).after()).isNull();
        assertThat(pages.subList(1, 3)).allSatisfy(p -> assertThat(p.after()).isNotNull());
        assertThat(pages).allSatisfy(p -> assertThat(p.limit()).isEqualTo(RecordsCsvExport.PAGE_SIZE));
        assertThat(csv(RECORDS).header(RecordsCsvExport.TOTAL_HEADER)).isEqualTo("2500");
    }

    @Test
    void theListingsFiltersAndOrderApply() {
        List<String> lines = lines(csv(RECORDS + "?callType=group&result=normal_end&userId=bob&order=desc"));
        List<String> expected = recent.stream()
                .filter(r -> "group".equals(r.getCallType()) && r.getCallResult() == CallResult.normal_end)
                .filter(r -> "bob".equals(r.getCaller()) || r.getCallees().contains("bob")
                        || r.getParticipants().stream().anyMatch(p -> p.getUserId().equals("bob")))
                .sorted(LocalRecordQueries.ORDER.reversed()).map(CallRecord::getCallId).toList();
        assertThat(expected).isNotEmpty();
        assertThat(callIds(lines)).containsExactlyElementsOf(expected);
    }

    @Test
    void aRowHoldsTheRecordsFieldsEscapedPerRfc4180() {
        CallRecord odd = CallRecord.newBuilder(recent.get(0)).setCallId("odd-1").setCaller("o'neil, \"the\" boss")
                .setRoomId("line\nbreak").setStartCallTs(NOW - 30).build();
        api.queries.addFinished(List.of(odd));
        List<String> lines = lines(csv(RECORDS + "?callId=odd-1"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("odd-1," + odd.getCallType() + "," + odd.getMediaType() + "," + (NOW - 30) + ",")
                .contains(",\"o'neil, \"\"the\"\" boss\",").contains(",\"line\nbreak\",");
        assertThat(RecordCsv.field("plain")).isEqualTo("plain");
        assertThat(RecordCsv.field("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(RecordCsv.field(null)).isEmpty();
    }

    /** A user id from a callback must not run as a formula in the spreadsheet that opens the export. */
    @Test
    void textThatASpreadsheetWouldTakeForAFormulaIsDefused() {
        assertThat(RecordCsv.field("=1+1")).isEqualTo("'=1+1");
        assertThat(RecordCsv.field("+1")).isEqualTo("'+1");
        assertThat(RecordCsv.field("-2")).isEqualTo("'-2");
        assertThat(RecordCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(RecordCsv.field("\tx")).isEqualTo("'\tx");
        assertThat(RecordCsv.field(-2L)).as("numbers are numbers").isEqualTo("-2");
        assertThat(RecordCsv.field("a=b")).isEqualTo("a=b");
    }

    @Test
    void anEmptyAnswerIsTheHeaderAlone() {
        assertThat(lines(csv(RECORDS + "?callId=no-such-call"))).containsExactly(RecordCsv.header().strip());
    }

    @Test
    void credentialsAreRequiredAndErrorsAreTheListingsJson() {
        AnalystApiServer.Response anonymous = api.send(RECORDS, CSV);
        assertThat(anonymous.status()).isEqualTo(400);
        assertThat(anonymous.errorCode()).isEqualTo(70001);
        AnalystApiServer.Response forged = api.send(RECORDS, Map.of("Accept", "text/csv", "Authorization", "Bearer forged"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.errorCode()).isEqualTo(70002);
        AnalystApiServer.Response typo = csv(RECORDS + "?calltype=group");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.errorMessage()).contains("unknown query parameter");
        AnalystApiServer.Response paged = csv(RECORDS + "?limit=10");
        assertThat(paged.status()).isEqualTo(400);
        assertThat(paged.errorMessage()).contains("every record of the filter");
        api.queries.failLaterWith(() -> new io.callstream.topology.query.QueryUnavailableException("rebalancing"));
        AnalystApiServer.Response unavailable = csv(RECORDS);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.errorCode()).isEqualTo(101001);
    }

    @Test
    void jsonUnlessCsvIsPreferred() {
        for (String accept : List.of("application/json", "*/*", "application/json, text/csv;q=0.5")) {
            var response = api.send(api.withCredentials(RECORDS + "?limit=1"), Map.of("Accept", accept));
            assertThat(response.header("Content-Type")).as(accept).startsWith("application/json");
        }
        assertThat(api.get(RECORDS + "?limit=1").header("Content-Type")).startsWith("application/json");
        var preferred = api.send(api.withCredentials(RECORDS), Map.of("Accept", "application/json;q=0.4, text/csv"));
        assertThat(preferred.header("Content-Type")).startsWith("text/csv");
        List<String> rows = new ArrayList<>(lines(preferred));
        assertThat(rows).hasSize(recent.size() + 1);
    }
}
