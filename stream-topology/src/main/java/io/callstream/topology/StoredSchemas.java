package io.callstream.topology;

import io.callstream.schemas.SchemaHistory;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every version of the topology's internal schemas, the values of its stores and of its repartition topic, kept as
 * resources {@code io/callstream/topology/state/history/<Name>-v<N>.avsc}. A changelog outlives the build that wrote
 * it, so a reader must know every writer's schema; {@code StoredSchemasTest} fails while a generated class differs from
 * its latest version here, so a schema change cannot ship without its history.
 */
public final class StoredSchemas {

    private static final String ROOT = "/io/callstream/topology/state/history/";

    private StoredSchemas() {
    }

    /** All versions of the named record (simple name), oldest first; at least one. */
    public static List<Schema> versionsOf(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; StoredSchemas.class.getResource(path(recordName, v)) != null; v++) {
            versions.add(SchemaHistory.parseResource(StoredSchemas.class, path(recordName, v)));
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no schema history for " + recordName + " under " + ROOT);
        }
        return List.copyOf(versions);
    }

    private static String path(String recordName, int version) {
        return ROOT + recordName + "-v" + version + ".avsc";
    }
}
