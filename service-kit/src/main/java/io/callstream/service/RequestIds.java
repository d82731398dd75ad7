package io.callstream.service;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in the shape of the vendor's own ({@code requestId} of its v1 APIs): 32 lowercase hex digits. Every
 * callstream HTTP API answers with one (the gateway and the query APIs, in the body or an {@code X-Request-Id}
 * header), and the same id goes into the log line of the request, so that a client's report can be matched to it.
 */
public final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** 128 random bits as 32 lowercase hex digits. Unique enough to find a log line, not a secret. */
    public static String hex32() {
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
}
