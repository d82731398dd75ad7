package io.callstream.topology.stats;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Distinct participants over any range of days (R8): a theta sketch per day, merged by union, so that a user who
 * joined on three days counts once.
 *
 * <p>A user is the 63-bit hash of their id (XXH3-64 of its UTF-8 bytes, shifted right by one). A sketch keeps every
 * hash below its threshold theta; the threshold starts above all hashes, so up to {@value #NOMINAL_ENTRIES} users
 * the sketch holds them all and counts them exactly (R8 asks for at least 4,096). Past that it keeps the
 * {@value #NOMINAL_ENTRIES} smallest hashes, theta becomes the next one, and the count is the kept hashes divided by
 * theta's fraction of the hash space: the k-minimum-values estimator, relative standard error
 * 1/sqrt(2^14) = 0.78%, so 2% is about 2.6 standard errors. A union takes the smaller theta and the hashes of both
 * below it, so it is the same sketch as one fed every user of both, whatever the order of the merges.
 *
 * <p>This is the theta sketch of Apache DataSketches with its own byte form: DataSketches' Java line that runs on
 * Java 17 refuses to start on Java 22 and later, and the line that runs there needs Java 24, while this project
 * runs on both. The byte form, published in {@code DailyStats.participantsSketch}, is: a format byte (1), theta as a
 * big-endian long ({@code Long.MAX_VALUE} while exact), the number of hashes as an int, then the hashes ascending,
 * each a big-endian long. A sketch is at most 128 KiB.
 */
public final class DistinctUsers {

    public static final int NOMINAL_ENTRIES = 1 << 14;

    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + Long.BYTES + Integer.BYTES;
    private static final Hasher64 HASHER = Hashing.xxh3_64();
    /** Free slots of the table hold 0, so a user whose hash is 0 is not kept (one chance in 2^63). */
    private static final long FREE = 0L;

    private long theta = Long.MAX_VALUE;
    private long[] table = new long[16];
    private int size;

    /** A count, and whether it is exact or a sketch's estimate. */
    public record Count(long value, boolean exact) {
    }

    /** The distinct users over several days' sketches. */
    public static Count countOf(Collection<byte[]> sketches) {
        DistinctUsers union = new DistinctUsers();
        sketches.forEach(union::merge);
        return union.count();
    }

    public void add(String user) {
        offer(HASHER.hashBytesToLong(user.getBytes(StandardCharsets.UTF_8)) >>> 1);
    }

    /**
     * Adds the users of a serialized sketch ({@link #serialize}).
     *
     * @throws IllegalArgumentException when the bytes are not a sketch of this format
     */
    public void merge(byte[] sketch) {
        ByteBuffer in = ByteBuffer.wrap(sketch);
        if (sketch.length < HEADER || in.get() != FORMAT) {
            throw new IllegalArgumentException("not a participants sketch (format " + FORMAT + ")");
        }
        long otherTheta = in.getLong();
        int count = in.getInt();
        if (otherTheta <= 0 || count < 0 || count > NOMINAL_ENTRIES || in.remaining() != count * Long.BYTES) {
            throw new IllegalArgumentException("a participants sketch with theta " + otherTheta + " and " + count
                    + " hashes in " + sketch.length + " bytes");
        }
        if (otherTheta < theta) {
            lowerThetaTo(otherTheta);
        }
        for (int i = 0; i < count; i++) {
            long hash = in.getLong();
            if (hash <= FREE || hash >= otherTheta) {
                throw new IllegalArgumentException("a participants sketch with hash " + hash + " outside (0, theta)");
            }
            offer(hash);
        }
    }

    public boolean isEmpty() {
        return size == 0 && theta == Long.MAX_VALUE;
    }

    public Count count() {
        trimToNominalEntries();
        if (theta == Long.MAX_VALUE) {
            return new Count(size, true);
        }
        return new Count(Math.round(size * (0x1p63 / theta)), false);
    }

    public byte[] serialize() {
        trimToNominalEntries();
        long[] hashes = sortedHashes();
        ByteBuffer out = ByteBuffer.allocate(HEADER + hashes.length * Long.BYTES);
        out.put(FORMAT).putLong(theta).putInt(hashes.length);
        for (long hash : hashes) {
            out.putLong(hash);
        }
        return out.array();
    }

    private void offer(long hash) {
        if (hash == FREE || hash >= theta || !insert(table, hash)) {
            return;
        }
        size++;
        if (size > 2 * NOMINAL_ENTRIES) {
            trimToNominalEntries(); // amortized: at most once per NOMINAL_ENTRIES new users
        } else if (2 * size > table.length) {
            rehash(table.length * 2);
        }
    }

    /** Keeps the smallest {@value #NOMINAL_ENTRIES} hashes; theta becomes the next one. */
    private void trimToNominalEntries() {
        if (size > NOMINAL_ENTRIES) {
            long[] hashes = sortedHashes();
            lowerThetaTo(hashes[NOMINAL_ENTRIES]);
        }
    }

    private void lowerThetaTo(long newTheta) {
        theta = newTheta;
        long[] kept = Arrays.stream(table).filter(h -> h != FREE && h < theta).toArray();
        table = new long[tableSizeFor(kept.length)];
        for (long hash : kept) {
            insert(table, hash);
        }
        size = kept.length;
    }

    private void rehash(int slots) {
        long[] old = table;
        table = new long[slots];
        for (long hash : old) {
            if (hash != FREE) {
                insert(table, hash);
            }
        }
    }

    private long[] sortedHashes() {
        long[] hashes = Arrays.stream(table).filter(h -> h != FREE).toArray();
        Arrays.sort(hashes);
        return hashes;
    }

    private static int tableSizeFor(int entries) {
        return Math.max(16, Integer.highestOneBit(Math.max(1, 2 * entries) - 1) << 1);
    }

    /** Linear probing from the hash's low bits (the hashes are uniform); false when the hash is already there. */
    private static boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
            if (table[slot] == FREE) {
                table[slot] = hash;
                return true;
            }
            if (table[slot] == hash) {
                return false;
            }
        }
    }
}
