package io.callstream.topology.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A position in the records' order (start time, then call id): the last record a client has seen. Opaque to clients. */
public record Cursor(long startCallTs, String callId) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((startCallTs + ":" + callId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this service made */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new Cursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid cursor: " + text, e);
        }
    }
}
