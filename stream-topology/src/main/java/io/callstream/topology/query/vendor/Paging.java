package io.callstream.topology.query.vendor;

import io.callstream.topology.query.PageRequest;

/** The vendor's paging (page n of size k starts at record (n-1)*k), safe from int overflow on absurd page numbers. */
final class Paging {

    /** Time bounds accepted in requests: 0 to the end of year 9999, Unix seconds. */
    static final long MAX_TIMESTAMP = 253_402_300_799L;
    static final long SEVEN_DAYS = 7L * 24 * 3600;

    private Paging() {
    }

    /** An offset beyond what any store holds still answers the total and an empty page. */
    static PageRequest page(int page, int perPage) {
        return PageRequest.page(page, perPage);
    }
}
