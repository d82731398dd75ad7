package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.Participant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Call records as CSV (RFC 4180): a header row, then one row per record, every line ended by CRLF. A field holding a
 * comma, a double quote, CR or LF is quoted, its quotes doubled; values are written as the analyst API's JSON holds
 * them (Unix seconds, enum symbols), an absent value as an empty field. A record's lists fit in one field each:
 * callees separated by {@code ;}, participants as {@code userId|platform|durationSec} separated by {@code ;}.
 */
final class RecordCsv {

    static final String LINE_END = "\r\n";

    private record Column(String name, Function<CallRecord, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("callId", CallRecord::getCallId),
            new Column("callType", CallRecord::getCallType),
            new Column("mediaType", CallRecord::getMediaType),
            new Column("startCallTs", CallRecord::getStartCallTs),
            new Column("acceptTs", CallRecord::getAcceptTs),
            new Column("endTs", CallRecord::getEndTs),
            new Column("durationSec", CallRecord::getDurationSec),
            new Column("callResult", CallRecord::getCallResult),
            new Column("caller", CallRecord::getCaller),
            new Column("callees", r -> r.getCallees().stream().map(CharSequence::toString).collect(Collectors.joining(";"))),
            new Column("totalUserNumber", CallRecord::getTotalUserNumber),
            new Column("peakParticipants", CallRecord::getPeakParticipants),
            new Column("participants", r -> r.getParticipants().stream().map(RecordCsv::participant)
                    .collect(Collectors.joining(";"))),
            new Column("roomId", CallRecord::getRoomId),
            new Column("closedBy", CallRecord::getClosedBy),
            new Column("revision", CallRecord::getRevision));

    private RecordCsv() {
    }

    static String header() {
        return COLUMNS.stream().map(Column::name).collect(Collectors.joining(",")) + LINE_END;
    }

    static String row(CallRecord record) {
        return COLUMNS.stream().map(c -> field(c.value().apply(record))).collect(Collectors.joining(",")) + LINE_END;
    }

    static String rows(List<CallRecord> records) {
        StringBuilder out = new StringBuilder();
        records.forEach(r -> out.append(row(r)));
        return out.toString();
    }

    /**
     * One field, quoted when RFC 4180 requires it. Text that a spreadsheet would take for a formula ({@code =}, {@code
     * +}, {@code -}, {@code @}, a tab or CR first) gets a leading {@code '}: user ids and room ids come from callbacks,
     * which anyone with the callback URL can send, and a CSV is opened in spreadsheets.
     */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String participant(Participant p) {
        return p.getUserId() + "|" + (p.getPlatform() == null ? "" : p.getPlatform()) + "|" + p.getDurationSec();
    }
}
