package io.callstream.topology.query.vendor;

/** Client-supplied text echoed in an answer is cut short: messages are for people, and end up in logs. */
final class Messages {

    private Messages() {
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    /** A client value quoted in a message. */
    static String quote(String text) {
        return "'" + abbreviate(text) + "'";
    }
}
