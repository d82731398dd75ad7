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

    /**
     * The answer to a page that is {@link PageRequest#tooDeep}, from the count of matches alone: empty, with the
     * total, when it lies wholly past the last match.
     *
     * @throws PageTooDeepException when matches remain where the page starts
     */
    public static RecordPage beyondDepth(PageRequest page, long total) {
        if (page.after() == null && page.offset() >= total) {
            return new RecordPage(total, List.of(), null);
        }
        throw new PageTooDeepException(page.end());
    }
}
