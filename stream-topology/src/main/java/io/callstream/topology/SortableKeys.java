package io.callstream.topology;

/** Numbers in store keys, written so that a store's byte order is their numeric order. */
public final class SortableKeys {

    private SortableKeys() {
    }

    /** Zero-padded to 19 digits (every non-negative long); negative values clamp to 0. */
    public static String padded(long value) {
        String digits = Long.toString(Math.max(0, value));
        return "0".repeat(19 - digits.length()) + digits;
    }
}
