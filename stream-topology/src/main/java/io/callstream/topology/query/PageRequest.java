package io.callstream.topology.query;

/**
 * One page of a result: by position ({@code offset}, what the vendor's {@code page} means) or, for deep paging that
 * stays stable while records arrive, after a {@link Cursor} (the last record of the previous page). When {@code after}
 * is set, {@code offset} is ignored.
 */
public record PageRequest(int offset, int limit, Cursor after) {

    public PageRequest {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be >= 0, were " + offset + " and " + limit);
        }
    }

    public static PageRequest of(int offset, int limit) {
        return new PageRequest(offset, limit, null);
    }

    /** The vendor's paging: page 1 is the first {@code perPage} records. */
    public static PageRequest page(int page, int perPage) {
        return new PageRequest(Math.max(0, (page - 1)) * perPage, perPage, null);
    }

    public static PageRequest after(Cursor cursor, int limit) {
        return new PageRequest(0, limit, cursor);
    }
}
