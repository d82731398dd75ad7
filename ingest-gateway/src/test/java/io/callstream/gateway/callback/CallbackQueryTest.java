package io.callstream.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackQueryTest {

    @Test
    void theTokenParameterIsDroppedFromTheRawQueryAndEverythingElseKeptByteForByte() {
        assertThat(CallbackQuery.withoutToken("token=s3cret&sdkappid=1&command=x")).isEqualTo("sdkappid=1&command=x");
        assertThat(CallbackQuery.withoutToken("sdkappid=1&token=s3cret&command=x%20y")).isEqualTo("sdkappid=1&command=x%20y");
        assertThat(CallbackQuery.withoutToken("sdkappid=1&command=x&token=s3cret")).isEqualTo("sdkappid=1&command=x");
        assertThat(CallbackQuery.withoutToken("token=a&token=b")).isEmpty();
        assertThat(CallbackQuery.withoutToken("a=1&&b=2;c=3")).isEqualTo("a=1&&b=2;c=3");
        assertThat(CallbackQuery.withoutToken("tokens=1&mytoken=2&x=token")).isEqualTo("tokens=1&mytoken=2&x=token");
        assertThat(CallbackQuery.withoutToken("")).isEmpty();
        assertThat(CallbackQuery.withoutToken(null)).isNull();
    }

    @Test
    void aTokenNamedTheWayTheServerStillReadsAsTokenIsDroppedToo() {
        assertThat(CallbackQuery.withoutToken("a=1;token=s3cret;b=2")).isEqualTo("a=1;b=2");
        assertThat(CallbackQuery.withoutToken("a=1&TOKEN=s3cret")).isEqualTo("a=1");
        assertThat(CallbackQuery.withoutToken("a=1&tok%65n=s3cret&b=2")).isEqualTo("a=1&b=2");
        assertThat(CallbackQuery.withoutToken("token&a=1")).isEqualTo("a=1");
        assertThat(CallbackQuery.withoutToken("a=1&tok%zzen=x")).as("undecodable: kept").isEqualTo("a=1&tok%zzen=x");
    }

    @Test
    void theQueryKeptOnTheEventHasNoToken() {
        CallbackQuery query = CallbackQuery.from(Map.of("sdkappid", "1", "token", "s3cret")::get, "sdkappid=1&token=s3cret");
        assertThat(query.rawQuery()).isEqualTo("sdkappid=1");
    }
}
