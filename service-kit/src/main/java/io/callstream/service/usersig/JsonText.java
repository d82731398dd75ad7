package io.callstream.service.usersig;

/**
 * JSON string literals written as JavaScript's {@code JSON.stringify} writes them, because the vendor library
 * serializes its document that way and {@link UserSig#generate} reproduces that document byte for byte: only
 * {@code "} and {@code \}, and control characters below U+0020 are escaped ({@code \b \f \n \r \t} by name, the others
 * as lower-case {@code \}{@code u00xx}); {@code /}, non-ASCII and U+2028/U+2029 are written as they are.
 */
final class JsonText {

    private JsonText() {
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Whether every surrogate is paired. A lone surrogate is where Java and Node disagree: Node signs U+FFFD in its
     * place, Java's encoder writes '?', so such a text cannot be signed or checked the vendor's way.
     */
    static boolean isWellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
