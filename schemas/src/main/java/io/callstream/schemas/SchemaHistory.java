package io.callstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;

/**
 * Every version of every schema this artifact has ever shipped.
 *
 * <p>Records on a topic outlive the code that wrote them. A reader decodes them with the writer's exact schema
 * (found by its fingerprint in the single-object header) resolved against its own; this class is where those writer
 * schemas come from. The versions live as resources {@code history/<Name>/v<N>.avsc}, and {@code history/versions.properties}
 * says how many each schema has. A test fails when a generated class no longer matches its latest history entry, so a
 * schema change cannot ship without its history.
 */
public final class SchemaHistory {

    private static final String ROOT = "history/";
    private static final Properties VERSIONS = load();

    private SchemaHistory() {
    }

    /** All shipped versions of the named record (simple name, e.g. {@code CallEvent}), oldest first. */
    public static List<Schema> versionsOf(String recordName) {
        int count = Integer.parseInt(VERSIONS.getProperty(recordName, "0"));
        if (count == 0) {
            throw new IllegalArgumentException("no schema history for " + recordName + "; known: " + VERSIONS.keySet());
        }
        List<Schema> versions = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            versions.add(parse(recordName, v));
        }
        return List.copyOf(versions);
    }

    /** The names of every record with a history. */
    public static List<String> recordNames() {
        return VERSIONS.stringPropertyNames().stream().sorted().toList();
    }

    private static Schema parse(String recordName, int version) {
        return parseResource(SchemaHistory.class, ROOT + recordName + "/v" + version + ".avsc");
    }

    /**
     * A schema file on the classpath, as {@code anchor.getResourceAsStream(path)} finds it: for an application's own
     * history of its internal schemas (its state stores' values), kept beside its classes.
     */
    public static Schema parseResource(Class<?> anchor, String path) {
        try (InputStream in = anchor.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema history resource " + path);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = SchemaHistory.class.getResourceAsStream(ROOT + "versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing " + ROOT + "versions.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
