package io.callstream.service.usersig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vendor's admin query parameters (docs/query-api.md §1), as the query APIs and the emulator read them. */
class AdminParamsTest {

    private static Map<String, String> query() {
        Map<String, String> q = new HashMap<>();
        q.put("sdkappid", "1400000001");
        q.put("identifier", "administrator");
        q.put("usersig", "sig");
        q.put("random", "99999999");
        q.put("contenttype", "json");
        return q;
    }

    @Test
    void readsTheCredentialsAndForgetsRandom() {
        assertThat(AdminParams.fromQuery(query()::get))
                .isEqualTo(new AdminParams(1400000001L, "administrator", "sig"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(nullValues = "NULL", value = {
            "sdkappid,NULL,sdkappid is missing",
            "sdkappid,' ',sdkappid is missing",
            "sdkappid,abc,sdkappid must be a positive integer, got 'abc'",
            "sdkappid,0,sdkappid must be a positive integer, got '0'",
            "sdkappid,+5,sdkappid must be a positive integer, got '+5'",
            "sdkappid,9223372036854775808,sdkappid must be a positive integer",
            "identifier,'',identifier is missing",
            "usersig,NULL,usersig is missing",
            "random,NULL,random is missing",
            "random,4294967296,random must be an integer in [0, 4294967295], got '4294967296'",
            "random,99999999999999999999,random must be an integer in [0, 4294967295]",
            "contenttype,NULL,contenttype is missing",
            "contenttype,JSON,contenttype must be json, got 'JSON'",
    })
    void refusesTheParameterThatIsMissingOrMalformed(String name, String value, String message) {
        Map<String, String> q = query();
        q.put(name, value);
        assertThatThrownBy(() -> AdminParams.fromQuery(q::get))
                .isInstanceOf(InvalidAdminParamException.class).hasMessageStartingWith(message);
    }

    @Test
    void acceptsTheWholeUint32RangeOfRandomAndAnyPositiveLongSdkAppId() {
        for (String random : new String[] {"0", "4294967295"}) {
            Map<String, String> q = query();
            q.put("random", random);
            q.put("sdkappid", "9223372036854775807");
            assertThat(AdminParams.fromQuery(q::get).sdkAppId()).isEqualTo(Long.MAX_VALUE);
        }
    }

    /** The table's order: each parameter is checked in full before the next, so the first one at fault is named. */
    @Test
    void namesTheFirstParameterAtFaultInTheVendorsOrder() {
        Map<String, String> q = query();
        q.put("sdkappid", "abc");
        q.remove("random");
        q.put("contenttype", "xml");
        assertThatThrownBy(() -> AdminParams.fromQuery(q::get)).hasMessageStartingWith("sdkappid must be");
        q.put("sdkappid", "1");
        assertThatThrownBy(() -> AdminParams.fromQuery(q::get)).hasMessage("random is missing");
        q.put("random", "1");
        assertThatThrownBy(() -> AdminParams.fromQuery(q::get)).hasMessageStartingWith("contenttype must be json");
    }

    @Test
    void theThreeCredentialsAloneNeedNeitherRandomNorContentType() {
        assertThat(AdminParams.of("7", "admin", "sig")).isEqualTo(new AdminParams(7, "admin", "sig"));
        assertThatThrownBy(() -> AdminParams.of("7", null, "sig")).hasMessage("identifier is missing");
    }
}
