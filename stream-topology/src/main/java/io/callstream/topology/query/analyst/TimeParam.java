package io.callstream.topology.query.analyst;

import io.callstream.service.ClientText;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * A time in a query parameter: Unix seconds ({@code 1704695566}) or an ISO-8601 instant with its zone
 * ({@code 2024-01-08T06:32:46Z}, {@code 2024-01-08T14:32:46+08:00}, fractions allowed). Records' times are whole
 * seconds, so a fraction is rounded inward: up for a range's start, down for its end, never widening the range.
 */
final class TimeParam {

    /** 9999-12-31T23:59:59Z: larger numbers are not seconds (most likely milliseconds). */
    static final long MAX_SECONDS = 253_402_300_799L;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    /** A '+' left unescaped in a query string arrives as a space: "2024-01-08T14:32:46 08:00". */
    private static final Pattern SPACE_FOR_PLUS = Pattern.compile("(T[0-9:.,]+) ([0-9]{2}(:?[0-9]{2})?)$");

    private TimeParam() {
    }

    /**
     * @param roundUp whether a fraction of a second rounds up (a range's start) or down (its end)
     * @return Unix seconds
     * @throws AnalystException saying which forms are accepted
     */
    static long parse(String name, String text, boolean roundUp) {
        if (DIGITS.matcher(text).matches()) {
            long seconds = text.length() < 19 ? Long.parseLong(text) : Long.MAX_VALUE;
            if (seconds > MAX_SECONDS) {
                throw AnalystException.badParameter(name + " " + ClientText.quoted(text) + " is too large for Unix "
                        + "seconds (milliseconds? divide by 1000)");
            }
            return seconds;
        }
        Instant instant;
        try {
            String iso = SPACE_FOR_PLUS.matcher(text).replaceFirst("$1+$2");
            instant = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw AnalystException.badParameter(name + " must be Unix seconds (e.g. 1704695566) or an ISO-8601 instant "
                    + "with a zone (e.g. 2024-01-08T06:32:46Z or 2024-01-08T14:32:46%2B08:00), got "
                    + ClientText.quoted(text));
        }
        long seconds = instant.getEpochSecond() + (roundUp && instant.getNano() > 0 ? 1 : 0);
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw AnalystException.badParameter(name + " " + ClientText.quoted(text)
                    + " is outside 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        }
        return seconds;
    }
}
