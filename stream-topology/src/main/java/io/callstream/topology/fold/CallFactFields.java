package io.callstream.topology.fold;

import io.callstream.schemas.CallEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Copies a {@link CallFact}'s fields to and from the Avro records that carry them under the same names: the callback
 * as the gateway publishes it ({@code CallEvent}) and as the fold stores it ({@code StoredFact}). By name, so that a
 * field added to {@code CallFact} and to those schemas needs no mapping written anywhere; a schema without one of the
 * fact's fields is refused when its mapping is made, and {@code CallFactFieldsTest} checks the shipped schemas.
 *
 * <p>An enum field ({@code kind}) is stored as its name where the schema has a string.
 */
public final class CallFactFields {

    private static final RecordComponent[] COMPONENTS = CallFact.class.getRecordComponents();
    private static final Constructor<CallFact> CANONICAL = canonical();

    /**
     * The fields whose values come from a small vocabulary: read as one shared copy per value ({@link SharedStrings}),
     * so that a decoded fact holds only its own user, room and times.
     */
    static final Set<String> VOCABULARY = Set.of("command", "role", "event", "callResult", "mediaType", "callType", "platform");
    private static final SharedStrings SHARED = new SharedStrings(4_096, 64);

    /** The fields of a callback as the gateway publishes it. */
    public static final CallFactFields EVENTS = new CallFactFields(CallEvent.getClassSchema());

    private final int[] positions;
    private final boolean[] asText;
    private final boolean[] shared;

    /** The mapping onto records of {@code schema}; refused when the schema lacks one of a fact's fields. */
    public CallFactFields(Schema schema) {
        positions = new int[COMPONENTS.length];
        asText = new boolean[COMPONENTS.length];
        shared = new boolean[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            Schema.Field field = schema.getField(COMPONENTS[i].getName());
            if (field == null) {
                throw new IllegalArgumentException(schema.getFullName() + " has no field " + COMPONENTS[i].getName()
                        + " for CallFact." + COMPONENTS[i].getName());
            }
            positions[i] = field.pos();
            asText[i] = COMPONENTS[i].getType().isEnum() && field.schema().getType() == Schema.Type.STRING;
            shared[i] = VOCABULARY.contains(COMPONENTS[i].getName());
        }
    }

    /** The names of a fact's fields, in the order of its components. */
    public static String[] names() {
        return Arrays.stream(COMPONENTS).map(RecordComponent::getName).toArray(String[]::new);
    }

    /** The fact the record carries. */
    public CallFact read(IndexedRecord record) {
        Object[] args = new Object[COMPONENTS.length];
        for (int i = 0; i < args.length; i++) {
            Object value = record.get(positions[i]);
            Class<?> type = COMPONENTS[i].getType();
            if (value instanceof CharSequence text && type != String.class) {
                args[i] = enumOf(type, text.toString());
            } else {
                args[i] = !(value instanceof CharSequence text) ? value
                        : shared[i] ? SHARED.of(text.toString()) : text.toString();
            }
        }
        try {
            return CANONICAL.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts the fact's fields into {@code record}, leaving its other fields as they are; returns it. */
    public <R extends IndexedRecord> R write(CallFact fact, R record) {
        for (int i = 0; i < COMPONENTS.length; i++) {
            Object value = value(fact, i);
            record.put(positions[i], asText[i] && value != null ? ((Enum<?>) value).name() : value);
        }
        return record;
    }

    private static Object value(CallFact fact, int i) {
        try {
            return COMPONENTS[i].getAccessor().invoke(fact);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumOf(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static Constructor<CallFact> canonical() {
        try {
            return CallFact.class.getDeclaredConstructor(Arrays.stream(COMPONENTS).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
