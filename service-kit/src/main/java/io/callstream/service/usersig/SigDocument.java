package io.callstream.service.usersig;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The JSON document inside a UserSig, decoded and checked for form only: nothing here is verified. The verifier and
 * {@link UserSig#claims} share it, so that "well formed" means one thing for both.
 *
 * @param userBuf null when the document has none (only PrivateMapKey tickets carry one)
 */
record SigDocument(String identifier, long sdkAppId, long time, long expire, String sig, String userBuf) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            // Two values for one field would leave "which one was signed?" to the parser; refuse instead.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * The document, or null when the text is not a well-formed TLS-SigAPIv2 UserSig: it does not decode
     * ({@link SigEncoding#decode}), is not one JSON object without duplicate keys, {@code TLS.ver} is not
     * {@code "2.0"}, a field has the wrong type, a time is negative, or a text holds an unpaired surrogate.
     *
     * @throws RuntimeException only on input no check above anticipated; callers treat it as malformed too
     */
    static SigDocument decode(String userSig) {
        byte[] document = SigEncoding.decode(userSig);
        if (document == null) {
            return null;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(document);
        } catch (IOException e) {
            return null;
        }
        if (doc == null || !doc.isObject() || !"2.0".equals(text(doc, "TLS.ver"))) {
            return null;
        }
        String identifier = text(doc, "TLS.identifier");
        String sig = text(doc, "TLS.sig");
        Long sdkAppId = integer(doc, "TLS.sdkappid");
        Long time = integer(doc, "TLS.time");
        Long expire = integer(doc, "TLS.expire");
        boolean hasUserBuf = doc.has("TLS.userbuf");
        String userBuf = text(doc, "TLS.userbuf");
        if (identifier == null || sig == null || sdkAppId == null || time == null || expire == null
                || time < 0 || expire < 0 || (hasUserBuf && userBuf == null)
                || !JsonText.isWellFormed(identifier) || (userBuf != null && !JsonText.isWellFormed(userBuf))) {
            return null;
        }
        return new SigDocument(identifier, sdkAppId, time, expire, sig, userBuf);
    }

    private static String text(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static Long integer(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }
}
