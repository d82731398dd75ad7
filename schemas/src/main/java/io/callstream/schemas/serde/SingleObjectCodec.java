package io.callstream.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;

/**
 * Avro's single-object encoding of one record type — {@code C3 01}, the writer schema's CRC-64-AVRO fingerprint
 * (little endian), then the binary body — with Avro's own datum readers and writers over array-backed, buffered
 * coders. The bytes are those of Avro's {@code BinaryMessageEncoder}; the difference is speed: Avro's message coders
 * move the body through a stream one byte at a time ("direct" coders), which costs the fold's stream thread a quarter
 * of its coding time (docs/benchmarks.md).
 *
 * <p>Thread-safe, as Avro's message coders are: the datum readers and writer are shared, and each thread has its own
 * coder and output buffer.
 */
final class SingleObjectCodec<T> {

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = 0x01;
    /** The marker and the fingerprint. */
    private static final int PREFIX_LENGTH = 10;
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<Coders> CODERS = ThreadLocal.withInitial(Coders::new);

    private final byte[] prefix;
    private final DatumWriter<T> writer;
    /** By writer schema fingerprint; filled once, then only read. */
    private final Map<Long, DatumReader<T>> readers = new HashMap<>();

    /**
     * @param schema        what is written, and what every version is read as
     * @param writerSchemas every version that may be read (the current one is always readable)
     */
    @SuppressWarnings("unchecked")
    SingleObjectCodec(SpecificData model, Schema schema, List<Schema> writerSchemas) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.prefix = ByteBuffer.allocate(PREFIX_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .put(MARKER_0).put(MARKER_1).putLong(fingerprint).array();
        this.writer = (DatumWriter<T>) model.createDatumWriter(schema);
        readers.put(fingerprint, (DatumReader<T>) model.createDatumReader(schema, schema));
        for (Schema written : writerSchemas) {
            readers.putIfAbsent(SchemaNormalization.parsingFingerprint64(written),
                    (DatumReader<T>) model.createDatumReader(written, schema));
        }
    }

    byte[] encode(T value) throws IOException {
        Coders coders = Coders.take();
        try {
            Output out = coders.output;
            out.reset();
            out.write(prefix);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, coders.encoder);
            // Kept only after a whole value: a write that fails leaves bytes in the encoder's buffer, which reusing it
            // would flush into the next value.
            coders.encoder = null;
            writer.write(value, encoder);
            encoder.flush();
            coders.encoder = encoder;
            return out.toByteArray();
        } finally {
            coders.inUse = false;
        }
    }

    /**
     * @throws BadHeaderException     when the bytes do not start with the marker and a fingerprint
     * @throws MissingSchemaException when the fingerprint is not one of the known versions'
     * @throws IOException            when the body is not a record of the writer's schema
     */
    T decode(byte[] bytes) throws IOException {
        if (bytes.length < PREFIX_LENGTH) {
            throw new BadHeaderException("Not enough header bytes");
        }
        if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new BadHeaderException(String.format("Unrecognized header bytes: 0x%02X 0x%02X", bytes[0], bytes[1]));
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        DatumReader<T> reader = readers.get(fingerprint);
        if (reader == null) {
            throw new MissingSchemaException("Cannot resolve schema for fingerprint: " + fingerprint);
        }
        Coders coders = Coders.take();
        try {
            coders.decoder = DecoderFactory.get().binaryDecoder(bytes, PREFIX_LENGTH, bytes.length - PREFIX_LENGTH,
                    coders.decoder);
            return reader.read(null, coders.decoder);
        } finally {
            coders.inUse = false;
        }
    }

    /** One thread's coders and buffer, reused from one value to the next. */
    private static final class Coders {
        private final Output output = new Output();
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;
        private boolean inUse;

        /** This thread's, or new ones when they are in use (a value coded from within another's coding). */
        static Coders take() {
            Coders coders = CODERS.get();
            if (coders.inUse) {
                coders = new Coders();
            }
            coders.inUse = true;
            return coders;
        }
    }

    /** A growable buffer without the locks of ByteArrayOutputStream: only its thread uses it. */
    private static final class Output extends OutputStream {
        private byte[] buf = new byte[256];
        private int count;

        @Override
        public void write(byte[] bytes, int off, int len) {
            ensure(len);
            System.arraycopy(bytes, off, buf, count, len);
            count += len;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        /** Empties the buffer, and lets go of it when one large value grew it past what the next will need. */
        void reset() {
            count = 0;
            if (buf.length > KEPT_BUFFER_BYTES) {
                buf = new byte[256];
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }
    }
}
