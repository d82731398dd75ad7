package io.callstream.launcher.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variables {@code docs/configuration.md} lists in the first column of its tables. */
public final class ConfigurationPage {

    public static final Path PATH = Path.of("..", "docs", "configuration.md");
    private static final Pattern DOCUMENTED = Pattern.compile("`((?:CALLSTREAM|KAFKA)_[A-Z0-9_]*(?:<SETTING>)?)`");

    private ConfigurationPage() {
    }

    /** The names of the tables' first column; a {@code PREFIX_<SETTING>} row stands for every name with that prefix. */
    public static Set<String> variables() {
        Set<String> names = new TreeSet<>();
        for (String line : text().split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            Matcher m = DOCUMENTED.matcher(line.substring(1, line.indexOf('|', 1)));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Whether {@code name} is a listed variable, or has the prefix of a listed {@code PREFIX_<SETTING>} row. */
    public static boolean documents(String name) {
        Set<String> listed = variables();
        return listed.contains(name) || listed.stream().filter(d -> d.endsWith("<SETTING>"))
                .anyMatch(d -> name.startsWith(d.substring(0, d.indexOf('<'))));
    }

    public static String text() {
        try {
            return Files.readString(PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
