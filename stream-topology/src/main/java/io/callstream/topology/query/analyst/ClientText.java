package io.callstream.topology.query.analyst;

/** Client-supplied text echoed in an error message: quoted, and cut short, since messages end up in logs too. */
final class ClientText {

    private static final int MAX_SHOWN = 64;

    private ClientText() {
    }

    static String quoted(String text) {
        return "'" + (text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...") + "'";
    }
}
