package io.callstream.topology.query;

import io.callstream.schemas.CallRecord;
import java.util.List;

/**
 * @param totalNum how many records match in all (exact)
 * @param records  this page, in the requested order
 * @param next     where the next page starts, or null when this is the last
 */
public record RecordPage(long totalNum, List<CallRecord> records, Cursor next) {

    public RecordPage {
        records = List.copyOf(records);
    }

    public static RecordPage empty() {
        return new RecordPage(0, List.of(), null);
    }
}
