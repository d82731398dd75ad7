package io.callstream.service.usersig;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The known-answer vectors that the vendor's own library produced ({@code src/test/usersig-vectors}), and the few
 * helpers the tests use to build UserSigs by hand.
 */
final class Vectors {

    /** One vector; {@code userbuf} only for PrivateMapKey tickets, which {@link UserSig#generate} does not make. */
    record Vector(String name, long sdkappid, String key, String identifier, long expire, long time, String usersig,
                  String document, String userbuf) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private Vectors() {
    }

    static List<Vector> all() {
        try (InputStream in = Vectors.class.getResourceAsStream("/usersig/vectors.json")) {
            JsonNode root = JSON.readTree(in);
            return Arrays.asList(JSON.treeToValue(root.get("vectors"), Vector[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Vector named(String name) {
        return all().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    static List<Vector> withoutUserBuf() {
        return all().stream().filter(v -> v.userbuf() == null).toList();
    }

    /** The document a UserSig carries, as text. */
    static String document(String userSig) {
        byte[] document = SigEncoding.decode(userSig);
        return document == null ? null : new String(document, StandardCharsets.UTF_8);
    }

    /** Wraps any text as a UserSig would be wrapped: zlib, base64, URL-safe substitutions. */
    static String envelope(String document) {
        return SigEncoding.encode(document.getBytes(StandardCharsets.UTF_8));
    }

    /** A correctly signed document in the vendor's layout; {@code extra} is inserted unsigned before TLS.sig. */
    static String signedDocument(long sdkAppId, String key, String identifier, long time, long expire, String extra) {
        String sig = SigContent.hmacBase64(SigContent.key(key), SigContent.of(identifier, sdkAppId, time, expire, null));
        return "{\"TLS.ver\":\"2.0\",\"TLS.identifier\":" + JsonText.quote(identifier) + ",\"TLS.sdkappid\":" + sdkAppId
                + ",\"TLS.time\":" + time + ",\"TLS.expire\":" + expire + extra + ",\"TLS.sig\":\"" + sig + "\"}";
    }
}
