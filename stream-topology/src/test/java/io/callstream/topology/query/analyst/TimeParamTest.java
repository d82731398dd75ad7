package io.callstream.topology.query.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParamTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0,0,0",
            "1704695566,1704695566,1704695566",
            "253402300799,253402300799,253402300799",
            "2024-01-08T06:32:46Z,1704695566,1704695566",
            "2024-01-08T14:32:46+08:00,1704695566,1704695566",
            "2024-01-08T14:32:46 08:00,1704695566,1704695566",
            "2024-01-08T14:32 08:00,1704695520,1704695520",
            "2024-01-07T23:32:46-07:00,1704695566,1704695566",
            "2024-01-08T06:32:46.250Z,1704695567,1704695566",
            "2024-01-08T06:32:46.000Z,1704695566,1704695566",
    })
    void secondsOrIsoInstantsWithFractionsRoundedInward(String text, long roundedUp, long roundedDown) {
        assertThat(TimeParam.parse("from", text, true)).isEqualTo(roundedUp);
        assertThat(TimeParam.parse("to", text, false)).isEqualTo(roundedDown);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"yesterday", "2024-01-08", "2024-01-08T06:32:46", "-1", "1.5", "1704695566s",
            "1969-12-31T23:59:59Z", "2024-01-08T06:32:46 8"})
    void anythingElseSaysWhichFormsAreAccepted(String text) {
        assertThatThrownBy(() -> TimeParam.parse("from", text, true))
                .isInstanceOf(AnalystException.class)
                .hasMessageContaining("from");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1704695566000", "253402300800", "9999999999999999999"})
    void numbersPastYear9999AreMostLikelyMilliseconds(String text) {
        assertThatThrownBy(() -> TimeParam.parse("to", text, false))
                .hasMessageContaining("too large for Unix seconds (milliseconds? divide by 1000)");
    }
}
