package io.callstream.topology.query.vendor;

import java.util.concurrent.atomic.AtomicLong;

/** Request ids in the shapes of the vendor's own: v1 {@code <32 lowercase hex>}, v4 {@code Id-<32 hex>-O-Seq-<n>}. */
final class RequestIds {

    private final AtomicLong sequence = new AtomicLong();

    /** The v1 shape: 32 lowercase hex characters (shared with the analyst API). */
    static String hex32() {
        return io.callstream.service.RequestIds.hex32();
    }

    /** The v4 shape; the sequence counts this process's v4 requests, from 1. */
    String v4() {
        return "Id-" + hex32() + "-O-Seq-" + sequence.incrementAndGet();
    }
}
