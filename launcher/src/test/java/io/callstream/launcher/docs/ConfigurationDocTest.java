package io.callstream.launcher.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} against the code, so that neither drifts from the other: every environment variable a
 * module's production code names (a string literal, or a {@code ${...}} of a logging configuration) is on the page, and
 * every variable of the page's tables is named by the code. A name the code composes from a prefix and a suffix
 * ({@code "CALLSTREAM_QUERY" + "_IDLE_TIMEOUT_MS"}) counts as named; a table's {@code PREFIX_<SETTING>} row covers every
 * variable with that prefix. The benchmarks' own {@code BENCH_*} settings are documented with their scripts.
 */
class ConfigurationDocTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern NAME_LITERAL = Pattern.compile("\"((?:CALLSTREAM|KAFKA)_[A-Z0-9_]*)\"");
    private static final Pattern SUFFIX_LITERAL = Pattern.compile("\"(_[A-Z0-9_]+)\"");
    private static final Pattern CONFIG_REFERENCE = Pattern.compile("\\$\\{((?:CALLSTREAM|KAFKA)_[A-Z0-9_]+)");

    @Test
    void everyVariableTheCodeReadsIsDocumented() {
        Set<String> documented = tableNames();
        String page = ConfigurationPage.text();
        Set<String> missing = new TreeSet<>();
        for (String name : codeNames(NAME_LITERAL)) {
            boolean mentioned = Pattern.compile("\\b" + name + "\\b").matcher(page).find();
            boolean prefixOfDocumented = documented.stream().anyMatch(d -> d.startsWith(name.endsWith("_") ? name : name + "_"));
            boolean coveredByPattern = documented.stream().filter(d -> d.endsWith("<SETTING>"))
                    .anyMatch(d -> name.startsWith(d.substring(0, d.indexOf('<'))));
            if (!mentioned && !prefixOfDocumented && !coveredByPattern) {
                missing.add(name);
            }
        }
        codeNames(CONFIG_REFERENCE).stream().filter(name -> !documented.contains(name)).forEach(missing::add);
        assertThat(missing).as("variables the code reads that docs/configuration.md does not list").isEmpty();
    }

    @Test
    void everyDocumentedVariableIsReadByTheCode() {
        Set<String> literals = codeNames(NAME_LITERAL);
        Set<String> suffixes = codeNames(SUFFIX_LITERAL);
        Set<String> configReferences = codeNames(CONFIG_REFERENCE);
        Set<String> unknown = new TreeSet<>();
        for (String name : tableNames()) {
            if (name.endsWith("<SETTING>")) {
                String prefix = name.substring(0, name.indexOf('<'));
                if (literals.stream().noneMatch(prefix::startsWith)) {
                    unknown.add(name);
                }
                continue;
            }
            boolean composed = literals.stream().anyMatch(p -> suffixes.contains(name.substring(Math.min(p.length(), name.length())))
                    && name.startsWith(p));
            if (!literals.contains(name) && !configReferences.contains(name) && !composed) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("variables docs/configuration.md lists that no code reads").isEmpty();
        assertThat(tableNames()).as("the page's tables were read").hasSizeGreaterThan(40);
    }

    private static Set<String> tableNames() {
        return ConfigurationPage.variables();
    }

    /** What {@code pattern} finds in the production sources and resources of every module but the benchmarks. */
    private static Set<String> codeNames(Pattern pattern) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(ConfigurationDocTest::isProductionSource).forEach(file -> {
                Matcher m = pattern.matcher(read(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static boolean isProductionSource(Path file) {
        String path = ROOT.relativize(file).toString().replace('\\', '/');
        return (path.endsWith(".java") || path.endsWith(".xml")) && path.contains("/src/main/")
                && !path.startsWith("benchmarks/") && !path.contains("/target/") && !path.startsWith(".");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
