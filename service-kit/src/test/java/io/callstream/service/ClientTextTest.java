package io.callstream.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientTextTest {

    @Test
    void shortTextIsShownWhole() {
        assertThat(ClientText.cut("")).isEmpty();
        assertThat(ClientText.cut("a".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(ClientText.quoted("ten")).isEqualTo("'ten'");
    }

    @Test
    void longTextIsCutAfterSixtyFourCharacters() {
        String text = "a".repeat(64) + "b";
        assertThat(ClientText.cut(text)).isEqualTo("a".repeat(64) + "...");
        assertThat(ClientText.quoted(text)).isEqualTo("'" + "a".repeat(64) + "...'");
    }

    @Test
    void theLimitCanBeGiven() {
        assertThat(ClientText.cut("abcdef", 6)).isEqualTo("abcdef");
        assertThat(ClientText.cut("abcdefg", 6)).isEqualTo("abcdef...");
    }
}
