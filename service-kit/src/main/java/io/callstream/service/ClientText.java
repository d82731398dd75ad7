package io.callstream.service;

/**
 * Client-supplied text echoed in an error message is cut short: messages are for people, and end up in logs too. Every
 * callstream HTTP API (the query APIs, the emulator's callback configuration API, the gateway) cuts it this way.
 */
public final class ClientText {

    /** How much of a client's text a message shows before {@code "..."}. */
    public static final int MAX_SHOWN = 64;

    private ClientText() {
    }

    /** The text itself when at most {@link #MAX_SHOWN} characters long, else its first ones and {@code "..."}. */
    public static String cut(String text) {
        return cut(text, MAX_SHOWN);
    }

    /** The text itself when at most {@code max} characters long, else its first {@code max} and {@code "..."}. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /** The text {@linkplain #cut(String) cut short} and in single quotes. */
    public static String quoted(String text) {
        return "'" + cut(text) + "'";
    }
}
