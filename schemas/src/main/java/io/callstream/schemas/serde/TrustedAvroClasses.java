package io.callstream.schemas.serde;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Tells Avro that the classes generated from our own schemas may be instantiated by name.
 *
 * <p>Avro 1.12.2 checks every class it loads by name against a JVM-wide allow list that, by default, holds only a few
 * JDK types, so decoding a generated record fails with "Forbidden ...! This class is not trusted" (apache/avro#3693).
 * We add exactly the named types reachable from our schemas, not whole packages, and keep whatever else the
 * application or the {@code org.apache.avro.SERIALIZABLE_*} system properties already trust.
 */
final class TrustedAvroClasses {

    private static final Set<String> TRUSTED = new HashSet<>();

    private TrustedAvroClasses() {
    }

    static synchronized void trust(Schema schema) {
        Set<String> names = new HashSet<>();
        collectNamedTypes(schema, names);
        if (TRUSTED.containsAll(names)) {
            return;
        }
        boolean first = TRUSTED.isEmpty();
        TRUSTED.addAll(names);
        if (first) {
            ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, TrustedAvroClasses::isOurs));
        }
    }

    private static synchronized boolean isOurs(Class<?> type) {
        return TRUSTED.contains(type.getName());
    }

    private static void collectNamedTypes(Schema schema, Set<String> names) {
        switch (schema.getType()) {
            case RECORD -> {
                if (names.add(SpecificData.getClassName(schema))) {
                    schema.getFields().forEach(f -> collectNamedTypes(f.schema(), names));
                }
            }
            case ENUM, FIXED -> names.add(SpecificData.getClassName(schema));
            case ARRAY -> collectNamedTypes(schema.getElementType(), names);
            case MAP -> collectNamedTypes(schema.getValueType(), names);
            case UNION -> schema.getTypes().forEach(t -> collectNamedTypes(t, names));
            default -> {
                // primitives name no class
            }
        }
    }
}
