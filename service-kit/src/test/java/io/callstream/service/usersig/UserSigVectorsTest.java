package io.callstream.service.usersig;

import static io.callstream.service.usersig.UserSigVerifier.Verdict.BAD_SIGNATURE;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.EXPIRED;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.VALID;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.WRONG_APP;
import static io.callstream.service.usersig.UserSigVerifier.Verdict.WRONG_IDENTIFIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.service.usersig.Vectors.Vector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our code against UserSigs made by the vendor's own library (tls-sig-api-v2 1.0.2). */
class UserSigVectorsTest {

    static List<Vector> vectors() {
        return Vectors.all();
    }

    static List<Vector> plainVectors() {
        return Vectors.withoutUserBuf();
    }

    private static UserSigVerifier verifierAt(long sdkAppId, String key, Instant now) {
        return new UserSigVerifier(sdkAppId, key, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static UserSigVerifier verifierAt(Vector v, Instant now) {
        return verifierAt(v.sdkappid(), v.key(), now);
    }

    @Test
    void theVectorsCoverWhatTheyShould() {
        List<Vector> all = Vectors.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(6);
        assertThat(all).extracting(Vector::sdkappid).containsOnly(1400000000L, 1600012345L);
        assertThat(all).extracting(Vector::identifier)
                .contains("administrator", "用户😀")
                .anySatisfy(id -> assertThat(id).contains("\"", "\\", "\n", "\u0001", "\u2028"));
        assertThat(all.stream().map(Vector::expire).distinct().count()).isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void eachVectorCarriesTheDocumentRecordedWithIt(Vector v) {
        assertThat(Vectors.document(v.usersig())).isEqualTo(v.document());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vendorUserSigIsValidThroughoutItsLifetime(Vector v) {
        Instant issued = Instant.ofEpochSecond(v.time());
        Instant end = issued.plusSeconds(v.expire());
        for (Instant now : List.of(issued, issued.plusSeconds(v.expire() / 2), end)) {
            assertThat(verifierAt(v, now).verify(v.identifier(), v.usersig())).as("at %s", now).isEqualTo(VALID);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vendorUserSigExpiresRightAfterItsLifetime(Vector v) {
        Instant end = Instant.ofEpochSecond(v.time() + v.expire());
        assertThat(verifierAt(v, end.plusNanos(1)).verify(v.identifier(), v.usersig())).isEqualTo(EXPIRED);
        assertThat(verifierAt(v, end.plus(Duration.ofDays(400))).verify(v.identifier(), v.usersig())).isEqualTo(EXPIRED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void anotherAppIdentifierOrKeyIsRefused(Vector v) {
        Instant now = Instant.ofEpochSecond(v.time());
        assertThat(verifierAt(v.sdkappid() + 1, v.key(), now).verify(v.identifier(), v.usersig())).isEqualTo(WRONG_APP);
        assertThat(verifierAt(v, now).verify(v.identifier() + "x", v.usersig())).isEqualTo(WRONG_IDENTIFIER);
        assertThat(verifierAt(v, now).verify("Administrator", v.usersig())).isEqualTo(WRONG_IDENTIFIER);
        String otherKey = new StringBuilder(v.key()).reverse().toString();
        assertThat(verifierAt(v.sdkappid(), otherKey, now).verify(v.identifier(), v.usersig())).isEqualTo(BAD_SIGNATURE);
    }

    /**
     * The document and its HMAC are reproduced byte for byte. The usersig string itself is reproduced byte for byte
     * once the vendor's document goes through Java's zlib: Node bundles Chromium's zlib, whose deflate output differs
     * from stock zlib's for the same input and level, so the vendor's Node and Java libraries never agree on it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("plainVectors")
    void generateWritesTheVendorsDocumentByteForByte(Vector v) {
        // The vendor floors the current time to seconds; the generator pinned it at .789 of the second.
        Instant now = Instant.ofEpochSecond(v.time()).plusMillis(789);
        String ours = UserSig.generate(v.sdkappid(), v.key(), v.identifier(), Duration.ofSeconds(v.expire()), now);

        assertThat(SigEncoding.decode(ours)).isEqualTo(SigEncoding.decode(v.usersig()));
        assertThat(Vectors.document(ours)).isEqualTo(v.document());
        assertThat(ours).isEqualTo(Vectors.envelope(v.document()));
        assertThat(verifierAt(v, now).verify(v.identifier(), ours)).isEqualTo(VALID);
    }

    @Test
    void theUserBufOfAPrivateMapKeyIsSigned() {
        Vector v = Vectors.named("private-map-key");
        UserSigVerifier verifier = verifierAt(v, Instant.ofEpochSecond(v.time()));
        assertThat(verifier.verify(v.identifier(), v.usersig())).isEqualTo(VALID);

        String otherUserBuf = v.userbuf().replace("AP8A", "AAEA"); // privilege map 255 -> 1
        assertThat(otherUserBuf).isNotEqualTo(v.userbuf());
        String tampered = Vectors.envelope(v.document().replace(v.userbuf(), otherUserBuf));
        assertThat(verifier.verify(v.identifier(), tampered)).isEqualTo(BAD_SIGNATURE);

        String dropped = Vectors.envelope(v.document().replace(",\"TLS.userbuf\":\"" + v.userbuf() + "\"", ""));
        assertThat(verifier.verify(v.identifier(), dropped)).isEqualTo(BAD_SIGNATURE);
    }
}
