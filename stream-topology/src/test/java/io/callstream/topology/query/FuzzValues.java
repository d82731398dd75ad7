package io.callstream.topology.query;

import java.util.List;
import java.util.Random;

/**
 * A seeded source of the values an outsider puts into query parameters and request bodies: numbers at and past every
 * integer limit, dates that do not exist, the APIs' own words in the wrong place, encodings, and long or empty text.
 * The seed is in each test's failure message, so a failing request can be replayed.
 */
public final class FuzzValues {

    /** Vert.x's bound on an HTTP request line (method, URI, version), which the query servers keep. */
    public static final int REQUEST_LINE_BYTES = 4096;

    private static final List<String> TRICKY = List.of("", " ", "0", "-0", "-1", "1", "2", "10", "999", "1000", "1001",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "1e9", "1.5", "0x10", "NaN", "Infinity", "null", "true",
            "false", "[]", "{}", "[1,2]", "\"x\"", "1700000000", "1700000000000", "253402300800", "-62135596800",
            "2026-11-23", "2026-02-30", "2026-13-01", "0000-01-01", "+999999999-12-31", "-999999999-01-01",
            "2026-11-23T08:00:00Z", "2026-11-23T08:00:00", "2026-11-23T08:00:00+25:00", "1970-01-01T00:00:00Z",
            "single", "group", "all", "overview", "minute", "hour", "day", "week", "asc", "desc", "audio", "video",
            "normal_end", "reject,cancel", ",,", "a,b,", "NormalEnd", "SingleCall", "MultiCall", "unset", "Unknown",
            "调用", "🙂", "\u0000", "\u202e", "%", "%zz", "%00", "'; DROP TABLE records; --", "<script>", "../../etc/passwd",
            "\\", "\"", "\r\nX-Injected: 1");

    private final Random random;

    public FuzzValues(long seed) {
        this.random = new Random(seed);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The start of a long text, for failure messages. */
    public static String abbreviated(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }

    /** A value: mostly a tricky one, sometimes a random number or a long run of text. */
    public String value() {
        int pick = random.nextInt(10);
        if (pick < 7) {
            return oneOf(TRICKY);
        }
        if (pick < 9) {
            return Long.toString(random.nextLong() >> random.nextInt(64));
        }
        return "9".repeat(1 + random.nextInt(5_000));
    }

    /** A name: mostly one the endpoint knows, sometimes another, in another case, or empty. */
    public String name(List<String> known) {
        int pick = random.nextInt(10);
        if (pick < 7) {
            return oneOf(known);
        }
        if (pick < 8) {
            return oneOf(known).toUpperCase();
        }
        return oneOf(List.of("", "x", "limt", "page[0]", "from.to", "usersig", "sdkappid", "__proto__"));
    }
}
