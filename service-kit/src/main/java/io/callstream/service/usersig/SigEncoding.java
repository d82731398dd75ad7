package io.callstream.service.usersig;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The envelope around the signed document: zlib (RFC 1950, what Node's {@code zlib.deflateSync} writes), then base64
 * with {@code + -> *}, {@code / -> -}, {@code = -> _} so the result survives a query string unescaped.
 *
 * <p>Decoding takes attacker input, so it is bounded twice: the text's length before anything is allocated, and the
 * inflated size while inflating, so that a zip bomb stops after {@value #MAX_DOCUMENT_BYTES} bytes of output.
 */
final class SigEncoding {

    /** A real document is about 200 bytes (a PrivateMapKey's about 250); four KB leaves room and stops bombs. */
    static final int MAX_DOCUMENT_BYTES = 4096;

    /**
     * Deflate's worst case (stored blocks) is the input plus a few bytes, which base64 grows by 4/3: about 5.5 K
     * characters for the largest document we accept. Anything longer cannot be one, and is refused before decoding.
     */
    static final int MAX_ENCODED_CHARS = 8192;

    private SigEncoding() {
    }

    static String encode(byte[] document) {
        // Deflater's defaults are Node's: zlib wrapper, level 6, default strategy. The bytes can still differ from
        // Node's, which bundles Chromium's zlib; both inflate to the same document, which is what the HMAC covers.
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(document);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(document.length);
            byte[] buffer = new byte[512];
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
            return toUrlSafe(Base64.getEncoder().encodeToString(compressed.toByteArray()));
        } finally {
            deflater.end();
        }
    }

    /**
     * The inflated document, or null if the text is too long, is not base64, is not one complete zlib stream (with
     * nothing after it), or inflates past {@link #MAX_DOCUMENT_BYTES}.
     */
    static byte[] decode(String userSig) {
        if (userSig == null || userSig.isEmpty() || userSig.length() > MAX_ENCODED_CHARS) {
            return null;
        }
        byte[] compressed;
        try {
            // Plain '+', '/' and '=' pass through, as in the vendor's own decoder.
            compressed = Base64.getDecoder().decode(fromUrlSafe(userSig));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return inflate(compressed);
    }

    private static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            // One byte more than allowed, so that "exactly at the limit" and "past it" can be told apart.
            byte[] out = new byte[MAX_DOCUMENT_BYTES + 1];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    return null;
                }
                long consumedBefore = inflater.getBytesRead();
                int produced = inflater.inflate(out, length, out.length - length);
                length += produced;
                // No output and no input consumed: truncated stream, or one that wants a preset dictionary.
                if (produced == 0 && inflater.getBytesRead() == consumedBefore) {
                    return null;
                }
            }
            if (length > MAX_DOCUMENT_BYTES || inflater.getRemaining() > 0) {
                return null;
            }
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    static String toUrlSafe(String base64) {
        return base64.replace('+', '*').replace('/', '-').replace('=', '_');
    }

    static String fromUrlSafe(String text) {
        return text.replace('*', '+').replace('-', '/').replace('_', '=');
    }
}
