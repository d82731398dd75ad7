package io.callstream.service.usersig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The text that {@code TLS.sig} authenticates, and the HMAC over it, exactly as {@code tls-sig-api-v2} 1.0.2
 * ({@code Api.prototype._hmacsha256}) builds them. The HMAC covers this text, not the JSON document, so generator
 * and verifier only have to agree on these lines, never on JSON formatting or zlib output.
 */
final class SigContent {

    private static final String ALGORITHM = "HmacSHA256";

    private SigContent() {
    }

    /**
     * One {@code name:value\n} line per field, in this order; the userbuf line only when the document has one (the
     * vendor signs it for PrivateMapKey tickets). Numbers are plain decimals, as JavaScript prints integers.
     */
    static String of(String identifier, long sdkAppId, long time, long expire, String userBuf) {
        StringBuilder text = new StringBuilder(96)
                .append("TLS.identifier:").append(identifier).append('\n')
                .append("TLS.sdkappid:").append(sdkAppId).append('\n')
                .append("TLS.time:").append(time).append('\n')
                .append("TLS.expire:").append(expire).append('\n');
        if (userBuf != null) {
            text.append("TLS.userbuf:").append(userBuf).append('\n');
        }
        return text.toString();
    }

    /**
     * The key is the secret key's text as UTF-8 bytes, as Node's {@code createHmac} takes a string key: the
     * 64 hex digits the console shows are not decoded to 32 bytes.
     */
    static SecretKeySpec key(String secretKey) {
        return new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The HMAC in standard, padded base64, as the vendor stores it in {@code TLS.sig}. */
    static String hmacBase64(SecretKeySpec key, String content) {
        Mac mac;
        try {
            // A Mac is stateful and not thread-safe; a fresh one per call keeps the verifier shareable.
            mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute " + ALGORITHM, e);
        }
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
