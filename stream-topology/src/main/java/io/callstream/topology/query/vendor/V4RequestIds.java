package io.callstream.topology.query.vendor;

import io.callstream.service.RequestIds;
import java.util.concurrent.atomic.AtomicLong;

/** Request ids in the shape of the vendor's v4 APIs: {@code Id-<32 hex>-O-Seq-<n>}. */
final class V4RequestIds {

    private final AtomicLong sequence = new AtomicLong();

    /** The sequence counts this process's v4 requests, from 1. */
    String next() {
        return "Id-" + RequestIds.hex32() + "-O-Seq-" + sequence.incrementAndGet();
    }
}
