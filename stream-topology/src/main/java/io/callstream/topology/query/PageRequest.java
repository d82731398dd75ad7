package io.callstream.topology.query;

/**
 * One page of a result: by position ({@code offset}, what the vendor's {@code page} means) or, for deep paging that
 * stays stable while records arrive, after a {@link Cursor} (the last record of the previous page). When {@code after}
 * is set, {@code offset} is ignored.
 */
public record PageRequest(int offset, int limit, Cursor after) {

    /**
     * How deep a page may end ({@code offset + limit}, or {@code limit} after a cursor): each part of a query lists
     * that many matches plus one to cut an exact page. Deeper pages are refused ({@link PageTooDeepException}) unless
     * they lie wholly past the last match.
     */
    public static final int MAX_DEPTH = 10_000;

    public PageRequest {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be >= 0, were " + offset + " and " + limit);
        }
    }

    /** Where the page ends, counted from the first match (or from the cursor), without overflow. */
    public long end() {
        return (after == null ? (long) offset : 0L) + limit;
    }

    /** Whether the page ends deeper than {@link #MAX_DEPTH}. */
    public boolean tooDeep() {
        return end() > MAX_DEPTH;
    }

    /**
     * How many matches each part of the query lists, in order: those up to the page's end and one more, which tells
     * whether another page follows. At most {@code MAX_DEPTH + 1}.
     *
     * @throws PageTooDeepException when the page is {@link #tooDeep}
     */
    public int take() {
        if (tooDeep()) {
            throw new PageTooDeepException(end());
        }
        return (int) end() + 1;
    }

    public static PageRequest of(int offset, int limit) {
        return new PageRequest(offset, limit, null);
    }

    /**
     * The vendor's paging: page 1 is the first {@code perPage} records. An offset past the int range is held at its
     * top, which is past any store's records just the same.
     */
    public static PageRequest page(int page, int perPage) {
        long offset = Math.max(0, page - 1L) * perPage;
        return new PageRequest((int) Math.min(Integer.MAX_VALUE, offset), perPage, null);
    }

    public static PageRequest after(Cursor cursor, int limit) {
        return new PageRequest(0, limit, cursor);
    }
}
