package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.WindowGranularity;
import io.callstream.service.ClientText;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The statistics endpoints' own parameters: scope, granularity, days, switches. */
final class StatsParams {

    /** The vendor console's overview figure: max(single, group) per window, not the true combined one. */
    static final String OVERVIEW = "overview";

    private StatsParams() {
    }

    /** single, group or all (default); with {@code overviewAllowed}, also {@value #OVERVIEW}; null for overview. */
    static CallScope scope(QueryParams params, boolean overviewAllowed) {
        String text = params.single("scope");
        if (text == null) {
            return CallScope.all;
        }
        if (overviewAllowed && text.equals(OVERVIEW)) {
            return null;
        }
        try {
            return CallScope.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw AnalystException.badParameter("scope must be one of single, group, all" + (overviewAllowed ? ", overview" : "")
                    + ", got " + ClientText.quoted(text));
        }
    }

    static WindowGranularity granularity(QueryParams params) {
        String text = params.single("granularity");
        if (text == null) {
            return WindowGranularity.minute;
        }
        try {
            return WindowGranularity.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw AnalystException.badParameter("granularity must be one of " + Arrays.stream(WindowGranularity.values())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ", got " + ClientText.quoted(text));
        }
    }

    /** An ISO-8601 local date ({@code 2026-11-23}), or {@code fallback} when absent. */
    static LocalDate day(QueryParams params, String name, LocalDate fallback) {
        String text = params.single(name);
        if (text == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw AnalystException.badParameter(name + " must be a date such as 2026-11-23, got " + ClientText.quoted(text));
        }
    }

    static boolean bool(QueryParams params, String name, boolean fallback) {
        String text = params.single(name);
        if (text == null) {
            return fallback;
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw AnalystException.badParameter(name + " must be true or false, got " + ClientText.quoted(text));
        }
        return Boolean.parseBoolean(text);
    }
}
