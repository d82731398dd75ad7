package io.callstream.service.usersig;

import static io.callstream.service.usersig.UserSigVerifier.Verdict.BAD_SIGNATURE;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.EXPIRED;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.MALFORMED;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.VALID;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.WRONG_APP;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.WRONG_IDENTIFIER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.callstream.service.usersig.UserSigVerifier.Verdict;
import io.callstream.service.usersig.Vectors.Vector;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and broken input, the order of the checks, and the edges of expiry. */
class UserSigVerifierTest {

    private static final Vector VENDOR = Vectors.named("admin-180-days");
    private static final long APP = VENDOR.sdkappid();
    private static final String KEY = VENDOR.key();
    private static final String ADMIN = "administrator";
    private static final long T = VENDOR.time();

    private static UserSigVerifier verifierAt(Instant now) {
        return new UserSigVerifier(APP, KEY, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static final UserSigVerifier VERIFIER = verifierAt(Instant.ofEpochSecond(T + 60));

    static Stream<Arguments> tampered() {
        String sig = VENDOR.usersig();
        String doc = VENDOR.document();
        String hmac = doc.substring(doc.indexOf("\"TLS.sig\":\"") + 11, doc.length() - 2);
        String other = Vectors.named("admin-5-minutes").document();
        String otherHmac = other.substring(other.indexOf("\"TLS.sig\":\"") + 11, other.length() - 2);
        String middle = sig.substring(0, sig.length() / 2)
                + (sig.charAt(sig.length() / 2) == 'A' ? 'B' : 'A') + sig.substring(sig.length() / 2 + 1);
        byte[] garbage = new byte[120];
        new Random(7).nextBytes(garbage);
        return Stream.of(
                Arguments.of("a char flipped in the HMAC",
                        Vectors.envelope(doc.replace(hmac, (hmac.charAt(0) == 'A' ? 'B' : 'A') + hmac.substring(1)))),
                Arguments.of("the HMAC's padding dropped", Vectors.envelope(doc.replace(hmac, hmac.replace("=", "")))),
                Arguments.of("the HMAC of another UserSig", Vectors.envelope(doc.replace(hmac, otherHmac))),
                Arguments.of("a char flipped in the base64", middle),
                Arguments.of("truncated", sig.substring(0, sig.length() - 8)),
                Arguments.of("cut in half", sig.substring(0, sig.length() / 2)),
                Arguments.of("not base64", "this is not base64!"),
                Arguments.of("whitespace inside", sig.substring(0, 10) + " " + sig.substring(10)),
                Arguments.of("garbage bytes", SigEncoding.toUrlSafe(Base64.getEncoder().encodeToString(garbage))),
                Arguments.of("empty", ""),
                Arguments.of("null", null),
                Arguments.of("bytes after the zlib stream", SigEncoding.toUrlSafe(Base64.getEncoder().encodeToString(
                        concat(rawZlib(doc), new byte[] {0, 1})))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampered")
    void tamperedUserSigIsRefusedWithoutException(String what, String userSig) {
        assertThat(VERIFIER.verify(ADMIN, userSig)).isIn(MALFORMED, BAD_SIGNATURE);
    }

    @Test
    void aFlippedHmacCharIsABadSignatureNotMalformed() {
        String doc = VENDOR.document();
        String flipped = doc.replace("\"TLS.sig\":\"J", "\"TLS.sig\":\"K");
        assertThat(VERIFIER.verify(ADMIN, Vectors.envelope(flipped))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void theStandardBase64AlphabetIsAcceptedAsTheVendorsDecoderDoes() {
        String standard = SigEncoding.fromUrlSafe(VENDOR.usersig());
        assertThat(standard).contains("+", "=");
        assertThat(VERIFIER.verify(ADMIN, standard)).isEqualTo(VALID);
    }

    static Stream<Arguments> malformedDocuments() {
        String ok = Vectors.signedDocument(APP, KEY, ADMIN, T, 3600, "");
        return Stream.of(
                Arguments.of("not JSON", "TLS.ver=2.0"),
                Arguments.of("a JSON array", "[" + ok + "]"),
                Arguments.of("an empty object", "{}"),
                Arguments.of("empty", ""),
                Arguments.of("version 1", ok.replace("\"TLS.ver\":\"2.0\"", "\"TLS.ver\":\"1.0\"")),
                Arguments.of("version as a number", ok.replace("\"TLS.ver\":\"2.0\"", "\"TLS.ver\":2.0")),
                Arguments.of("no version", ok.replace("\"TLS.ver\":\"2.0\",", "")),
                Arguments.of("no HMAC", ok.substring(0, ok.indexOf(",\"TLS.sig\"")) + "}"),
                Arguments.of("no identifier", ok.replace("\"TLS.identifier\":\"administrator\",", "")),
                Arguments.of("sdkappid as a string", ok.replace(":" + APP + ",", ":\"" + APP + "\",")),
                Arguments.of("time as a float", ok.replace(":" + T + ",", ":" + T + ".0,")),
                Arguments.of("time in exponent form", ok.replace(":" + T + ",", ":1.7e9,")),
                Arguments.of("time past the long range", ok.replace(":" + T + ",", ":99999999999999999999,")),
                Arguments.of("negative expire", Vectors.signedDocument(APP, KEY, ADMIN, T, -1, "")),
                Arguments.of("negative time", Vectors.signedDocument(APP, KEY, ADMIN, -5, 3600, "")),
                Arguments.of("identifier as a number", ok.replace("\"administrator\"", "7")),
                Arguments.of("userbuf as a number", Vectors.signedDocument(APP, KEY, ADMIN, T, 3600, ",\"TLS.userbuf\":1")),
                Arguments.of("userbuf null", Vectors.signedDocument(APP, KEY, ADMIN, T, 3600, ",\"TLS.userbuf\":null")),
                Arguments.of("a duplicated identifier",
                        ok.replace("\"TLS.identifier\":\"administrator\",", "\"TLS.identifier\":\"administrator\","
                                + "\"TLS.identifier\":\"administrator\",")),
                Arguments.of("a duplicated HMAC", ok.replace("}", ",\"TLS.sig\":\"x\"}")),
                Arguments.of("trailing JSON", ok + "{}"),
                Arguments.of("an unpaired surrogate in the identifier", ok.replace("administrator", "admin\\ud800")),
                Arguments.of("nesting two thousand deep", "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDocuments")
    void aDocumentThatIsNotTheVendorsIsMalformed(String what, String document) {
        assertThat(VERIFIER.verify(ADMIN, Vectors.envelope(document))).isEqualTo(MALFORMED);
    }

    @Test
    void invalidUtf8IsMalformed() {
        // Signed, so that a decoder patching the bad byte over would show up as BAD_SIGNATURE rather than MALFORMED.
        byte[] document = Vectors.signedDocument(APP, KEY, ADMIN + "\u00e9", T, 3600, "").getBytes(UTF_8);
        // Everything before the é is ASCII, so its char index is its byte index; +1 is the continuation byte A9.
        int at = new String(document, UTF_8).indexOf('\u00e9') + 1;
        document[at] = (byte) 0xC3;
        String userSig = SigEncoding.toUrlSafe(Base64.getEncoder().encodeToString(rawZlibBytes(document)));
        assertThat(VERIFIER.verify(ADMIN + "\u00e9", userSig)).isEqualTo(MALFORMED);
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        String expiredForgery = Vectors.envelope(Vectors.signedDocument(APP, "not our key", ADMIN, 1000, 60, ""));
        assertThat(VERIFIER.verify(ADMIN, expiredForgery)).as("signature before expiry").isEqualTo(BAD_SIGNATURE);

        String otherAppForgery = Vectors.envelope(Vectors.signedDocument(APP + 1, "not our key", "bob", 1000, 60, ""));
        assertThat(VERIFIER.verify(ADMIN, otherAppForgery)).as("app before identifier and signature").isEqualTo(WRONG_APP);

        String otherUserForgery = Vectors.envelope(Vectors.signedDocument(APP, "not our key", "bob", 1000, 60, ""));
        assertThat(VERIFIER.verify(ADMIN, otherUserForgery)).as("identifier before signature").isEqualTo(WRONG_IDENTIFIER);

        String badVersion = Vectors.envelope(Vectors.signedDocument(APP + 1, KEY, "bob", 1000, 60, "")
                .replace("\"2.0\"", "\"3.0\""));
        assertThat(VERIFIER.verify(ADMIN, badVersion)).as("structure first").isEqualTo(MALFORMED);

        String genuineExpired = UserSig.generate(APP, KEY, ADMIN, Duration.ofSeconds(60), Instant.ofEpochSecond(1000));
        assertThat(VERIFIER.verify(ADMIN, genuineExpired)).isEqualTo(EXPIRED);
    }

    @Test
    void unsignedExtraFieldsAreIgnored() {
        String document = Vectors.signedDocument(APP, KEY, ADMIN, T, 3600, ",\"TLS.note\":\"hello\"");
        assertThat(VERIFIER.verify(ADMIN, Vectors.envelope(document))).isEqualTo(VALID);
    }

    @Test
    void expiryIsInclusiveToTheSecondAndSurvivesOverflow() {
        String sig = UserSig.generate(APP, KEY, ADMIN, Duration.ofSeconds(300), Instant.ofEpochSecond(T));
        assertThat(verifierAt(Instant.ofEpochSecond(T + 300)).verify(ADMIN, sig)).isEqualTo(VALID);
        assertThat(verifierAt(Instant.ofEpochSecond(T + 300, 1)).verify(ADMIN, sig)).isEqualTo(EXPIRED);

        String zero = UserSig.generate(APP, KEY, ADMIN, Duration.ZERO, Instant.ofEpochSecond(T));
        assertThat(verifierAt(Instant.ofEpochSecond(T)).verify(ADMIN, zero)).isEqualTo(VALID);
        assertThat(verifierAt(Instant.ofEpochSecond(T + 1)).verify(ADMIN, zero)).isEqualTo(EXPIRED);

        String forever = Vectors.envelope(Vectors.signedDocument(APP, KEY, ADMIN, Long.MAX_VALUE - 5, 10, ""));
        assertThat(verifierAt(Instant.MAX).verify(ADMIN, forever)).isEqualTo(VALID);
    }

    @Test
    void aNullIdentifierMatchesNoUserSig() {
        assertThat(VERIFIER.verify(null, VENDOR.usersig())).isEqualTo(WRONG_IDENTIFIER);
    }

    @Test
    void aDocumentUpToTheLimitIsReadAndOneByteMoreIsNot() {
        String base = Vectors.signedDocument(APP, KEY, ADMIN, T, 3600, ",\"pad\":\"\"");
        int room = SigEncoding.MAX_DOCUMENT_BYTES - base.length();
        String atLimit = Vectors.signedDocument(APP, KEY, ADMIN, T, 3600, ",\"pad\":\"" + "x".repeat(room) + "\"");
        assertThat(atLimit).hasSize(SigEncoding.MAX_DOCUMENT_BYTES);
        assertThat(VERIFIER.verify(ADMIN, Vectors.envelope(atLimit))).isEqualTo(VALID);
        String overLimit = atLimit.replace("\"pad\":\"", "\"pad\":\"x");
        assertThat(VERIFIER.verify(ADMIN, Vectors.envelope(overLimit))).isEqualTo(MALFORMED);
    }

    @Test
    void aZlibBombIsRefusedQuickly() {
        // 16 MiB of zeros deflate to about 16 KB: refused on length before decoding.
        String big = SigEncoding.toUrlSafe(Base64.getEncoder().encodeToString(rawZlibBytes(new byte[16 << 20])));
        assertThat(big.length()).isGreaterThan(SigEncoding.MAX_ENCODED_CHARS);
        // 1 MiB of zeros deflate to about 1 KB, well under the length bound: refused while inflating.
        String small = SigEncoding.toUrlSafe(Base64.getEncoder().encodeToString(rawZlibBytes(new byte[1 << 20])));
        assertThat(small.length()).isLessThan(SigEncoding.MAX_ENCODED_CHARS);
        // Genuine and well formed but for its size: MALFORMED shows inflation stopped at the bound.
        String paddedValid = Vectors.envelope(Vectors.signedDocument(APP, KEY, ADMIN, T, 3600,
                ",\"pad\":\"" + " ".repeat(1 << 20) + "\""));

        Verdict[] verdicts = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            Verdict[] out = new Verdict[3];
            for (int i = 0; i < 100; i++) {
                out[0] = VERIFIER.verify(ADMIN, big);
                out[1] = VERIFIER.verify(ADMIN, small);
                out[2] = VERIFIER.verify(ADMIN, paddedValid);
            }
            return out;
        });
        assertThat(verdicts).containsOnly(MALFORMED);
    }

    @Test
    void constructorRefusesAnUnusableConfiguration() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> new UserSigVerifier(0, KEY, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserSigVerifier(APP, "", clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserSigVerifier(APP, null, clock)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new UserSigVerifier(APP, KEY, null)).isInstanceOf(NullPointerException.class);
    }

    private static byte[] rawZlib(String document) {
        return rawZlibBytes(document.getBytes(UTF_8));
    }

    private static byte[] rawZlibBytes(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(input);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
