package io.callstream.topology.fold;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One copy of each value of the fields that take their values from a small vocabulary (a command, a role, a result, a
 * media type, ...). A call keeps its facts decoded while it is in progress, and each decoded fact would otherwise hold
 * its own copy of every such value: they are half its size. Bounded: past {@code maxValues} distinct values, or for a
 * value longer than {@code maxLength}, the value is returned as it is, so a sender of made-up values cannot grow it.
 * Shared by every stream thread.
 */
final class SharedStrings {

    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();
    private final int maxValues;
    private final int maxLength;

    SharedStrings(int maxValues, int maxLength) {
        this.maxValues = maxValues;
        this.maxLength = maxLength;
    }

    /** The shared copy of {@code value} (equal to it), or {@code value} itself when none is kept. */
    String of(String value) {
        if (value == null) {
            return null;
        }
        String shared = values.get(value);
        if (shared != null) {
            return shared;
        }
        if (value.length() > maxLength || values.size() >= maxValues) {
            return value;
        }
        shared = values.putIfAbsent(value, value);
        return shared == null ? value : shared;
    }

    int size() {
        return values.size();
    }
}
