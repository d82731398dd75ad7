package io.callstream.service.usersig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The vendor's admin query parameters (docs/query-api.md §1), as the query APIs and the emulator read them. Each
 * parameter's own rule is also covered through the query APIs' {@code AdminAuthTest}; here, what both readers share.
 */
class AdminParamsTest {

    private static final String VALID = "sdkappid=1400000001&identifier=administrator&usersig=sig&random=99999999"
            + "&contenttype=json";

    /** A query string as name to value; {@code name=} gives a blank value. */
    private static Map<String, String> query(String text) {
        return Arrays.stream(text.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }

    private static AdminParams read(String text) {
        return AdminParams.fromQuery(query(text)::get);
    }

    @Test
    void readsTheCredentialsAndForgetsRandom() {
        assertThat(read(VALID)).isEqualTo(new AdminParams(1400000001L, "administrator", "sig"));
    }

    /** The table's order: each parameter is checked in full before the next, so the first one at fault is named. */
    @Test
    void namesTheFirstParameterAtFaultInTheVendorsOrder() {
        assertThatThrownBy(() -> read("sdkappid=abc&identifier=a&usersig=s&contenttype=xml"))
                .isInstanceOf(InvalidAdminParamException.class)
                .hasMessage("sdkappid must be a positive integer, got 'abc'");
        assertThatThrownBy(() -> read("sdkappid=1&identifier=a&usersig=s&contenttype=xml"))
                .hasMessage("random is missing");
        assertThatThrownBy(() -> read("sdkappid=1&identifier=a&usersig=s&random=4294967296&contenttype=xml"))
                .hasMessage("random must be an integer in [0, 4294967295], got '4294967296'");
        assertThatThrownBy(() -> read("sdkappid=1&identifier=a&usersig=s&random=1&contenttype=JSON"))
                .hasMessage("contenttype must be json, got 'JSON'");
        assertThatThrownBy(() -> read("sdkappid=1&identifier= &usersig=s&random=1&contenttype=json"))
                .hasMessage("identifier is missing");
    }

    @Test
    void acceptsTheWholeUint32RangeOfRandomAndAnyPositiveLongSdkAppId() {
        assertThat(read(VALID.replace("random=99999999", "random=0")).sdkAppId()).isEqualTo(1400000001L);
        assertThat(read(VALID.replace("random=99999999", "random=4294967295")).sdkAppId()).isEqualTo(1400000001L);
        assertThat(read(VALID.replace("1400000001", "9223372036854775807")).sdkAppId()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> read(VALID.replace("1400000001", "9223372036854775808")))
                .hasMessageStartingWith("sdkappid must be a positive integer");
        assertThatThrownBy(() -> read(VALID.replace("random=99999999", "random=+1")))
                .hasMessageStartingWith("random must be an integer");
    }

    @Test
    void theThreeCredentialsAloneNeedNeitherRandomNorContentType() {
        assertThat(AdminParams.of("7", "admin", "sig")).isEqualTo(new AdminParams(7, "admin", "sig"));
        assertThatThrownBy(() -> AdminParams.of("7", null, "sig")).hasMessage("identifier is missing");
    }
}
