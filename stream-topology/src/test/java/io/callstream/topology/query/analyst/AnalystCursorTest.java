package io.callstream.topology.query.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.topology.query.Cursor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalystCursorTest {

    @Test
    void roundTripsAnyCallId() {
        for (String callId : new String[] {"2ae7d549-c441-4a9b-87c0-61810fe19582", "a|b|c", "", "用户:1 / 2"}) {
            AnalystCursor cursor = new AnalystCursor(new Cursor(1772322000L, callId), 1772236800L, 1772323200L);
            assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
            assertThat(AnalystCursor.decode(cursor.encode())).isEqualTo(cursor);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "%%", "cjF8MXwy", "cjJ8MXwyfDN8eA"})
    void refusesWhatItDidNotMake(String text) {
        assertThatThrownBy(() -> AnalystCursor.decode(text))
                .isInstanceOf(AnalystException.class)
                .hasMessageContaining("is not a nextCursor of /api/v1/records");
    }

    @Test
    void aPlainCursorIsNotOne() {
        assertThatThrownBy(() -> AnalystCursor.decode(new Cursor(1, "x").encode())).isInstanceOf(AnalystException.class);
    }
}
