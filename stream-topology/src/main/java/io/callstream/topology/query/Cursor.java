package io.callstream.topology.query;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.index.RecordIndex;
import io.callstream.topology.query.local.LocalRecordQueries;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

/**
 * A position in the records' order (start time, then call id): the last record a client has seen, opaque to clients;
 * and, between instances, an index entry that names a record without carrying it.
 */
public record Cursor(long startCallTs, String callId) {

    /**
     * The records' order, ascending: start time, then call id (R9 pagination). Its one definition: the records'
     * {@link LocalRecordQueries#ORDER} is this order of their positions.
     */
    public static final Comparator<Cursor> ORDER = (a, b) -> compare(a.startCallTs, a.callId, b);

    /** Where the position (startCallTs, callId) stands in {@link #ORDER} relative to the cursor: below, at or above 0. */
    public static int compare(long startCallTs, String callId, Cursor cursor) {
        int byStart = Long.compare(startCallTs, cursor.startCallTs);
        return byStart != 0 ? byStart : callId.compareTo(cursor.callId);
    }

    /** The record's position: its start time (0 when unknown) and call id. */
    public static Cursor of(CallRecord record) {
        return new Cursor(RecordIndex.startOf(record), record.getCallId());
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((startCallTs + ":" + callId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this service made */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new Cursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid cursor: " + text, e);
        }
    }
}
