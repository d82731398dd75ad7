package io.callstream.topology.query;

/**
 * A page by position that ends deeper than {@link PageRequest#MAX_DEPTH} while matches remain there. Every part of a
 * query lists its first {@code offset + limit + 1} matches to cut an exact page, so a deep page costs every partition
 * that many; the bound keeps that small. A page wholly past the last match is answered (empty, with the total) instead.
 * Reading further is what cursors are for, or a narrower time range.
 */
public final class PageTooDeepException extends RuntimeException {

    private final long end;

    public PageTooDeepException(long end) {
        super("the page ends at match " + end + ", deeper than the " + PageRequest.MAX_DEPTH
                + " a page by position may reach", null, false, false);
        this.end = end;
    }

    /** Where the page asked for ends: offset + limit. */
    public long end() {
        return end;
    }
}
