package io.callstream.emulator.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.serde.CallstreamSerdes;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The ground truth on disk, in a directory:
 * <ul>
 *   <li>{@code records.jsonl}: one {@code CallRecord} per line in Avro's JSON encoding (unions are written as
 *       {@code {"long": 1767225600}} / {@code null}), readable by any Avro library with the schema and by
 *       {@link #readRecords};</li>
 *   <li>{@code concurrency.jsonl}, {@code daily.jsonl}: {@code ConcurrencyWindow} and {@code DailyStats}, likewise;</li>
 *   <li>{@code summary.json}: a plain JSON object (written with Jackson) with what the run did and what it implies.</li>
 * </ul>
 */
public final class GroundTruthFiles {

    public static final String RECORDS = "records.jsonl";
    public static final String CONCURRENCY = "concurrency.jsonl";
    public static final String DAILY = "daily.jsonl";
    public static final String SUMMARY = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        CallstreamSerdes.trustGeneratedClasses(); // Avro refuses to load generated classes it was not told to trust
    }

    private GroundTruthFiles() {
    }

    /** Writes the three JSON-lines files and {@code summary.json} (the given summary) into {@code dir}. */
    public static void write(Path dir, GroundTruth truth, Map<String, Object> summary) {
        try {
            Files.createDirectories(dir);
            writeLines(dir.resolve(RECORDS), truth.records());
            writeLines(dir.resolve(CONCURRENCY), truth.concurrency());
            writeLines(dir.resolve(DAILY), truth.daily());
            JSON.writeValue(dir.resolve(SUMMARY).toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth to " + dir, e);
        }
    }

    public static List<CallRecord> readRecords(Path dir) {
        return readLines(dir.resolve(RECORDS), CallRecord.getClassSchema(), CallRecord.class);
    }

    public static List<ConcurrencyWindow> readConcurrency(Path dir) {
        return readLines(dir.resolve(CONCURRENCY), ConcurrencyWindow.getClassSchema(), ConcurrencyWindow.class);
    }

    public static List<DailyStats> readDaily(Path dir) {
        return readLines(dir.resolve(DAILY), DailyStats.getClassSchema(), DailyStats.class);
    }

    /** One value in Avro's JSON encoding, on one line. */
    public static <T extends SpecificRecord> String toJson(T value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(value.getSchema(), out, false);
            new SpecificDatumWriter<T>(value.getSchema()).write(value, encoder);
            encoder.flush();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends SpecificRecord> void writeLines(Path file, List<T> values) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (T value : values) {
                writer.write(toJson(value));
                writer.write('\n');
            }
        }
    }

    private static <T> List<T> readLines(Path file, Schema schema, Class<T> type) {
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        List<T> values = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    values.add(reader.read(null, DecoderFactory.get().jsonDecoder(schema, line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }
}
