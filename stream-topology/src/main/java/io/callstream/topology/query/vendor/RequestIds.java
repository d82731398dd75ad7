package io.callstream.topology.query.vendor;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Request ids in the shapes of the vendor's own: v1 {@code <32 lowercase hex>}, v4 {@code Id-<32 hex>-O-Seq-<n>}. */
final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final AtomicLong sequence = new AtomicLong();

    /** 128 random bits as 32 lowercase hex characters. */
    static String hex32() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        for (int half = 0; half < 2; half++) {
            long bits = random.nextLong();
            for (int i = 0; i < 16; i++) {
                id[half * 16 + i] = HEX[(int) (bits >>> (60 - 4 * i)) & 0xf];
            }
        }
        return new String(id);
    }

    /** The v4 shape; the sequence counts this process's v4 requests, from 1. */
    String v4() {
        return "Id-" + hex32() + "-O-Seq-" + sequence.incrementAndGet();
    }
}
