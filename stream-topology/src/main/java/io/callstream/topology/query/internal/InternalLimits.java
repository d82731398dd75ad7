package io.callstream.topology.query.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bounds of every size an instance accepts from another ({@link InternalApi}): however it was asked, one part of
 * a query reads and holds a bounded amount. A request outside them is answered 400, and the asking instance fails its
 * query: the public APIs' own bounds (the largest page, the deepest offset) must stay within these.
 */
public final class InternalLimits {

    /**
     * The most positions or records one instance collects for a part of a page: offset + limit + 1 of the deepest
     * page by position. Deeper is the cursor's job (a cursor page asks for limit + 1).
     */
    public static final int MAX_TAKE = 100_001;
    /** The most positions whose records one request reads: the largest page of any API (the analyst API's 1,000). */
    public static final int MAX_ENTRIES = 1_000;
    /** The most partitions one request names; the events topic has 6. */
    public static final int MAX_PARTITIONS = 1_024;

    private InternalLimits() {
    }

    /** @throws IllegalArgumentException when {@code take} is not 0..{@link #MAX_TAKE} */
    public static int take(int take) {
        if (take < 0 || take > MAX_TAKE) {
            throw new IllegalArgumentException("take must be 0.." + MAX_TAKE + ", was " + take);
        }
        return take;
    }

    /** @throws IllegalArgumentException when more than {@link #MAX_ENTRIES} positions are asked for */
    public static int entries(int count) {
        if (count > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " entries per request, were " + count);
        }
        return count;
    }

    /**
     * Partition numbers as {@code 0,3,5}: at most {@link #MAX_PARTITIONS}, each once, none negative.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static List<Integer> partitions(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("partitions must list at least one partition");
        }
        String[] parts = text.split(",", MAX_PARTITIONS + 1);
        if (parts.length > MAX_PARTITIONS) {
            throw new IllegalArgumentException("at most " + MAX_PARTITIONS + " partitions per request");
        }
        List<Integer> partitions = new ArrayList<>(parts.length);
        Set<Integer> seen = new HashSet<>();
        for (String part : parts) {
            int partition = Integer.parseInt(part); // a NumberFormatException is an IllegalArgumentException
            if (partition < 0 || !seen.add(partition)) {
                throw new IllegalArgumentException("partitions must be distinct and not negative: " + partition);
            }
            partitions.add(partition);
        }
        return partitions;
    }
}
