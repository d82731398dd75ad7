package io.callstream.service.usersig;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.service.usersig.Vectors.Vector;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserSigClaimsTest {

    @Test
    void readsWhatAGeneratedUserSigClaims() {
        String sig = UserSig.generate(1400000001L, "secret", "administrator", Duration.ofDays(2),
                Instant.ofEpochSecond(1_700_000_000L, 999_000_000));
        assertThat(UserSig.claims(sig))
                .contains(new UserSig.Claims(1400000001L, "administrator", 1_700_000_000L, 172_800L));
    }

    @ParameterizedTest
    @MethodSource("io.callstream.service.usersig.Vectors#all")
    void readsTheVendorsOwnUserSigs(Vector vector) {
        assertThat(UserSig.claims(vector.usersig()))
                .contains(new UserSig.Claims(vector.sdkappid(), vector.identifier(), vector.time(), vector.expire()));
    }

    @Test
    void doesNotVerify() {
        // Signed with another key: the claims are readable all the same; only the verifier can tell.
        String forged = UserSig.generate(1400000001L, "not-the-apps-key", "administrator", Duration.ofDays(1),
                Instant.ofEpochSecond(1_700_000_000L));
        assertThat(UserSig.claims(forged)).map(UserSig.Claims::identifier).contains("administrator");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not a usersig", "eJyrVkrOz0nNzU0tSS0qVrIC", "%%%"})
    void isEmptyForWhatIsNotAUserSig(String text) {
        assertThat(UserSig.claims(text)).isEmpty();
    }

    @Test
    void isEmptyForADocumentOfAnotherShape() {
        assertThat(UserSig.claims(Vectors.envelope("{\"TLS.ver\":\"2.0\",\"TLS.identifier\":\"a\"}"))).isEmpty();
        assertThat(UserSig.claims(Vectors.envelope("[1,2,3]"))).isEmpty();
        assertThat(UserSig.claims(Vectors.envelope(
                Vectors.signedDocument(1400000001L, "k", "a", 1, 2, "").replace("\"2.0\"", "\"3.0\"")))).isEmpty();
    }
}
