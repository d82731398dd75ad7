package io.callstream.topology.query.analyst;

import io.callstream.service.ClientText;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's query parameters, read strictly: a name the endpoint does not know is refused rather than ignored (a
 * misspelt filter would otherwise silently widen the answer), and a single-valued parameter given twice is refused
 * rather than one of its values picked. Blank values count as absent.
 */
final class QueryParams {

    /** The credentials every endpoint accepts; {@code random} and {@code contenttype} so that vendor tooling works. */
    static final Set<String> CREDENTIALS = Set.of("sdkappid", "identifier", "usersig", "random", "contenttype");

    private final MultiMap params;

    /** @throws AnalystException when a parameter is neither a credential nor one of {@code accepted} */
    QueryParams(MultiMap params, Set<String> accepted) {
        this.params = params;
        for (String name : params.names()) {
            if (!accepted.contains(name) && !CREDENTIALS.contains(name)) {
                throw AnalystException.badParameter("unknown query parameter " + ClientText.quoted(name)
                        + "; this endpoint accepts " + String.join(", ", new TreeSet<>(accepted))
                        + " and the credentials sdkappid, identifier, usersig");
            }
        }
    }

    /** The value, or null when absent or blank. */
    String single(String name) {
        List<String> values = params.getAll(name).stream().filter(v -> !v.isBlank()).toList();
        if (values.size() > 1) {
            throw AnalystException.badParameter(name + " was given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? null : values.get(0).trim();
    }

    /** Every value of a repeatable parameter, each occurrence also split at commas: {@code a=x&a=y} = {@code a=x,y}. */
    List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (String value : params.getAll(name)) {
            Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).forEach(values::add);
        }
        return values;
    }

    /** An integer in [min, max], or {@code fallback} when absent. */
    int integer(String name, int fallback, int min, int max) {
        String text = single(name);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = text.length() <= 10 ? Long.parseLong(text) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            throw AnalystException.badParameter(name + " must be an integer from " + min + " to " + max
                    + ", got " + ClientText.quoted(text));
        }
        if (value < min || value > max) {
            throw AnalystException.badParameter(name + " must be from " + min + " to " + max + ", got "
                    + ClientText.quoted(text));
        }
        return (int) value;
    }
}
