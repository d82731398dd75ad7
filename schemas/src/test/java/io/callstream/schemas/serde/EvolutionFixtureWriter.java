package io.callstream.schemas.serde;

import io.callstream.schemas.SampleRecords;
import io.callstream.schemas.SchemaHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the evolution fixtures of the current schema versions, once, when a version ships:
 * {@code ./mvnw -pl schemas test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.callstream.schemas.serde.EvolutionFixtureWriter}. Existing fixtures are never overwritten.
 */
public final class EvolutionFixtureWriter {

    public static void main(String[] args) throws IOException {
        // Maven runs this from the reactor root when invoked with -pl schemas, from the module directory otherwise.
        Path module = Files.isDirectory(Path.of("schemas", "src")) ? Path.of("schemas") : Path.of(".");
        Path dir = args.length > 0 ? Path.of(args[0]) : module.resolve("src/test/resources/evolution");
        Files.createDirectories(dir);
        write(dir, SampleRecords.callEvent());
        write(dir, SampleRecords.callRecord());
        write(dir, SampleRecords.concurrencyWindow());
        write(dir, SampleRecords.dailyStats());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void write(Path dir, SpecificRecord sample) throws IOException {
        String name = sample.getSchema().getName();
        int version = SchemaHistory.versionsOf(name).size();
        Path file = dir.resolve(name + "-v" + version + ".bin");
        if (Files.exists(file)) {
            System.out.println("kept " + file);
            return;
        }
        Files.write(file, ((AvroSerde) AvroSerde.of(sample.getClass())).encode(sample));
        System.out.println("wrote " + file);
    }
}
