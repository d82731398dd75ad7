package io.callstream.topology.query.vendor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shape of a JSON value, as text: objects as their member names in order with each member's shape, arrays as the
 * one shape all their elements share, scalars as their JSON type. Two documents with equal shapes differ only in
 * values: {@code {"a":1,"b":["x"]}} is {@code {a:integer,b:[string]}}.
 */
final class JsonShape {

    private JsonShape() {
    }

    static String of(Object value) {
        if (value instanceof JsonObject object) {
            List<String> members = new ArrayList<>();
            for (Map.Entry<String, Object> member : object) {
                members.add(member.getKey() + ":" + of(member.getValue()));
            }
            return "{" + String.join(",", members) + "}";
        }
        if (value instanceof JsonArray array) {
            String element = null;
            for (Object item : array) {
                String shape = of(item);
                if (element != null && !element.equals(shape)) {
                    throw new AssertionError("array elements of different shapes: " + element + " and " + shape);
                }
                element = shape;
            }
            return "[" + (element == null ? "" : element) + "]";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return "integer";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "null";
    }
}
