package io.callstream.topology.query.analyst;

import io.callstream.service.ClientText;
import io.callstream.topology.query.Cursor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code nextCursor} of a records listing: where the next page starts, and the time range the listing resolved on
 * its first page. Carrying the range keeps a listing with the default range ("the last 24 h") stable while it is paged
 * through: without it, each page would recompute "now" and the range would slide under the client. Opaque to clients.
 *
 * @param from the listing's resolved range, Unix seconds
 */
record AnalystCursor(Cursor position, long from, long to) {

    private static final String VERSION = "r1";

    String encode() {
        String plain = VERSION + "|" + from + "|" + to + "|" + position.startCallTs() + "|" + position.callId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws AnalystException when the text is not a cursor of a records listing */
    static AnalystCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 5);
            if (parts.length == 5 && VERSION.equals(parts[0])) {
                return new AnalystCursor(new Cursor(Long.parseLong(parts[3]), parts[4]),
                        Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not numbers where numbers belong: as invalid as any other text
        }
        throw AnalystException.badParameter("cursor " + ClientText.quoted(text) + " is not a nextCursor of "
                + "/api/v1/records; pass the previous page's nextCursor unchanged, or start again without cursor");
    }
}
