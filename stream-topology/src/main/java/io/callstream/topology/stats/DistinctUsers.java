package io.callstream.topology.stats;

import java.util.Collection;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Union;

/**
 * Distinct participants over any range of days (R8): a Theta sketch per day (Apache DataSketches), merged by union,
 * so that a user who joined on three days counts once. With 2^14 nominal entries a sketch is exact up to 16,384
 * distinct users (R8 asks for at least 4,096) and beyond that estimates with a relative standard error of
 * 1/sqrt(2^14) = 0.78%, so 2% is about 2.6 standard errors; a day's sketch is at most 128 KiB.
 */
public final class DistinctUsers {

    public static final int NOMINAL_ENTRIES = 1 << 14;

    private DistinctUsers() {
    }

    /** A count, and whether it is exact or a sketch's estimate. */
    public record Count(long value, boolean exact) {
    }

    /** An empty accumulator: add users with {@code update}, days with {@link #merge}. */
    public static Union union() {
        return SetOperation.builder().setNominalEntries(NOMINAL_ENTRIES).buildUnion();
    }

    /** Adds a serialized sketch ({@link #serialize}) to a union. */
    public static void merge(Union union, byte[] sketch) {
        union.union(CompactSketch.wrap(Memory.wrap(sketch)));
    }

    public static byte[] serialize(Union union) {
        return union.getResult().toByteArray();
    }

    public static Count count(Union union) {
        CompactSketch result = union.getResult();
        return new Count(Math.round(result.getEstimate()), !result.isEstimationMode());
    }

    /** The distinct users over several days' sketches. */
    public static Count countOf(Collection<byte[]> sketches) {
        Union union = union();
        sketches.forEach(s -> merge(union, s));
        return count(union);
    }
}
