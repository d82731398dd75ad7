package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.RecordPage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * A {@link CallRecord} as the analyst API writes it: our own field names, exactly the Avro schema's and in its order,
 * enums as their symbols, absent values as JSON null; plus {@code state}, {@code open} while the call is in progress
 * ({@code closedBy} null) and {@code closed} once its record is final. Unlike the vendor mappings, which pick and
 * rename fields, this walks the schema, so a field added to {@code CallRecord} appears here without a change.
 */
final class RecordJson {

    private RecordJson() {
    }

    static JsonObject of(CallRecord record) {
        return object(record).put("state", record.getClosedBy() == null ? "open" : "closed");
    }

    static JsonArray of(List<CallRecord> records) {
        JsonArray array = new JsonArray();
        records.forEach(r -> array.add(of(r)));
        return array;
    }

    /** A page of a listing: {@code totalNum}, {@code records} and {@code nextCursor} (null on the last page). */
    static JsonObject page(RecordPage page, String nextCursor) {
        return new JsonObject().put("totalNum", page.totalNum()).put("records", of(page.records()))
                .put("nextCursor", nextCursor);
    }

    private static JsonObject object(IndexedRecord record) {
        JsonObject json = new JsonObject();
        for (Schema.Field field : record.getSchema().getFields()) {
            json.put(field.name(), value(record.get(field.pos())));
        }
        return json;
    }

    private static Object value(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            return value.toString(); // an Avro enum's toString is its symbol
        }
        if (value instanceof IndexedRecord nested) {
            return object(nested);
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject json = new JsonObject();
            map.forEach((k, v) -> json.put(k.toString(), value(v)));
            return json;
        }
        throw new IllegalStateException("no JSON form for a " + value.getClass().getName() + " in a CallRecord");
    }
}
