package io.callstream.topology.query.vendor;

import io.callstream.service.ClientText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request body and its typed fields, with the vendor's two error codes for them. The vendor describes 70009 as "the
 * body could not be parsed; check that the parameters' types are right", and 70001 as "a required parameter is missing
 * or wrong". So: not a JSON object, or a field of the wrong JSON type (a string where a number belongs, 20.5 where an
 * integer belongs) is 70009; a missing required field or a value out of its range is 70001. Both name the field.
 *
 * <p>A field that is absent or JSON {@code null} is "not given"; so is an empty string, which clients commonly send
 * for "no filter".
 */
final class RequestBody {

    private final JsonObject json;

    private RequestBody(JsonObject json) {
        this.json = json;
    }

    /** @throws VendorException 70009 unless the buffer holds exactly one JSON object */
    static RequestBody parse(Buffer buffer) {
        if (buffer == null || buffer.toString().isBlank()) {
            throw new VendorException(VendorError.UNPARSABLE_BODY, "the body is empty; send a JSON object, {} at least");
        }
        Object value;
        try {
            value = Json.decodeValue(buffer);
        } catch (DecodeException e) {
            throw new VendorException(VendorError.UNPARSABLE_BODY, "the body is not valid JSON");
        }
        if (!(value instanceof JsonObject object)) {
            throw new VendorException(VendorError.UNPARSABLE_BODY, "the body must be a JSON object, got " + describe(value));
        }
        return new RequestBody(object);
    }

    Optional<String> string(String name) {
        Object value = json.getValue(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw wrongType(name, "a string", value);
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() -> new VendorException(VendorError.INVALID_PARAMETER, name + " is required"));
    }

    /** An integer within [min, max], if given. */
    OptionalLong integer(String name, long min, long max) {
        Object value = json.getValue(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        long number;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else if (value instanceof BigInteger big) {
            throw outOfRange(name, min, max, big.toString());
        } else {
            throw wrongType(name, "an integer", value);
        }
        if (number < min || number > max) {
            throw outOfRange(name, min, max, Long.toString(number));
        }
        return OptionalLong.of(number);
    }

    long requiredInteger(String name, long min, long max) {
        OptionalLong value = integer(name, min, max);
        if (value.isEmpty()) {
            throw new VendorException(VendorError.INVALID_PARAMETER, name + " is required");
        }
        return value.getAsLong();
    }

    private static VendorException wrongType(String name, String expected, Object value) {
        return new VendorException(VendorError.UNPARSABLE_BODY, name + " must be " + expected + ", got " + describe(value));
    }

    private static VendorException outOfRange(String name, long min, long max, String given) {
        return new VendorException(VendorError.INVALID_PARAMETER,
                name + " must be between " + min + " and " + max + ", got " + ClientText.cut(given));
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof JsonArray) {
            return "an array";
        }
        return "null";
    }
}
