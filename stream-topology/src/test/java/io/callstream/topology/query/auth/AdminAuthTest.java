package io.callstream.topology.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminAuthTest {

    /** Accepts "good" for app 1400000001, says "old" has expired, and knows no other app. */
    private static final SignatureCheck FAKE = (app, identifier, sig) -> app != 1400000001L
            ? SignatureCheck.Result.UNKNOWN_APP
            : switch (sig) {
                case "good" -> SignatureCheck.Result.VALID;
                case "old" -> SignatureCheck.Result.EXPIRED;
                default -> SignatureCheck.Result.INVALID;
            };

    private final AdminAuth auth = new AdminAuth("administrator", FAKE);

    private static Map<String, String> query() {
        Map<String, String> q = new HashMap<>();
        q.put("sdkappid", "1400000001");
        q.put("identifier", "administrator");
        q.put("usersig", "good");
        q.put("random", "99999999");
        q.put("contenttype", "json");
        return q;
    }

    @Test
    void grantsTheAdminWithAValidSignature() {
        assertThat(auth.authenticateQuery(query()::get))
                .isEqualTo(new AuthResult.Granted(1400000001L, "administrator"));
        assertThat(auth.authenticate("1400000001", "administrator", "good"))
                .isEqualTo(new AuthResult.Granted(1400000001L, "administrator"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(nullValues = "NULL", value = {
            "sdkappid,NULL,sdkappid is missing",
            "sdkappid,'',sdkappid is missing",
            "sdkappid,abc,sdkappid must be a positive integer",
            "sdkappid,0,sdkappid must be a positive integer",
            "sdkappid,-5,sdkappid must be a positive integer",
            "sdkappid,99999999999999999999,sdkappid must be a positive integer",
            "identifier,NULL,identifier is missing",
            "usersig,NULL,usersig is missing",
            "random,NULL,random is missing",
            "random,4294967296,random must be an integer in [0, 4294967295]",
            "random,-1,random must be an integer in [0, 4294967295]",
            "random,1.5,random must be an integer in [0, 4294967295]",
            "contenttype,NULL,contenttype is missing",
            "contenttype,xml,contenttype must be json",
    })
    void namesTheParameterThatIsMissingOrInvalid(String name, String value, String message) {
        Map<String, String> q = query();
        q.put(name, value);
        AuthResult result = auth.authenticateQuery(q::get);
        assertThat(result).isInstanceOf(AuthResult.Denied.class);
        AuthResult.Denied denied = (AuthResult.Denied) result;
        assertThat(denied.error()).isEqualTo(AuthError.INVALID_PARAMETER);
        assertThat(denied.error().vendorCode()).isEqualTo(70001);
        assertThat(denied.message()).startsWith(message);
    }

    @Test
    void randomAcceptsTheWholeUint32Range() {
        for (String random : new String[] {"0", "4294967295"}) {
            Map<String, String> q = query();
            q.put("random", random);
            assertThat(auth.authenticateQuery(q::get)).isInstanceOf(AuthResult.Granted.class);
        }
    }

    @Test
    void aNonAdminIsRefusedWithoutCheckingTheSignature() {
        AdminAuth strict = new AdminAuth("administrator", (app, id, sig) -> {
            throw new AssertionError("the signature of a non-admin must not be checked");
        });
        assertThat(strict.authenticate("1400000001", "alice", "good"))
                .isEqualTo(new AuthResult.Denied(AuthError.NOT_ADMIN, "identifier 'alice' is not the app's admin account"));
        // Case-sensitive, as the vendor's parameter values are.
        assertThat(((AuthResult.Denied) strict.authenticate("1400000001", "Administrator", "good")).error().vendorCode())
                .isEqualTo(70004);
    }

    @Test
    void theAdminNameIsConfigurable() {
        AdminAuth custom = new AdminAuth("ops-admin", FAKE);
        assertThat(custom.authenticate("1400000001", "ops-admin", "good")).isInstanceOf(AuthResult.Granted.class);
        assertThat(((AuthResult.Denied) custom.authenticate("1400000001", "administrator", "good")).error())
                .isEqualTo(AuthError.NOT_ADMIN);
    }

    @Test
    void mapsTheSignatureVerdicts() {
        assertThat(denied("1400000001", "forged")).isEqualTo(AuthError.INVALID_USERSIG);
        assertThat(AuthError.INVALID_USERSIG.vendorCode()).isEqualTo(70002);
        assertThat(denied("1400000001", "old")).isEqualTo(AuthError.EXPIRED_USERSIG);
        assertThat(AuthError.EXPIRED_USERSIG.vendorCode()).isEqualTo(70003);
        assertThat(denied("1400000002", "good")).isEqualTo(AuthError.UNKNOWN_APP);
        assertThat(AuthError.UNKNOWN_APP.vendorCode()).isEqualTo(70001);
    }

    @Test
    void aCheckThatAnswersNothingDenies() {
        AdminAuth broken = new AdminAuth("administrator", (app, id, sig) -> null);
        assertThat(((AuthResult.Denied) broken.authenticate("1400000001", "administrator", "good")).error())
                .isEqualTo(AuthError.INVALID_USERSIG);
    }

    @Test
    void longClientValuesAreCutShortInMessages() {
        String huge = "x".repeat(10_000);
        AuthResult.Denied denied = (AuthResult.Denied) auth.authenticate("1400000001", huge, "good");
        assertThat(denied.message()).hasSizeLessThan(200);
    }

    private AuthError denied(String app, String sig) {
        return ((AuthResult.Denied) auth.authenticate(app, "administrator", sig)).error();
    }
}
