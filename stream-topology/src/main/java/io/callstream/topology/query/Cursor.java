package io.callstream.topology.query;

import io.callstream.schemas.CallRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in the records' order (start time, then call id): the last record a client has seen, opaque to clients;
 * and, between instances, an index entry that names a record without carrying it.
 */
public record Cursor(long startCallTs, String callId) {

    /** The records' order, ascending ({@link LocalRecordQueries#ORDER} for positions). */
    public static final java.util.Comparator<Cursor> ORDER = java.util.Comparator.comparingLong(Cursor::startCallTs)
            .thenComparing(Cursor::callId);

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
