package io.callstream.service.usersig;

import io.callstream.service.ClientText;
import java.util.List;
import java.util.function.Function;

/**
 * The credentials of a call to one of the vendor's admin REST APIs, read the vendor's way (docs/query-api.md §1,
 * docs/callback-protocol.md §4, §5.1): {@code sdkappid}, {@code identifier}, {@code usersig}, {@code random} (uint32)
 * and {@code contenttype=json} in the query string, names and values case-sensitive. The query service and the
 * emulator's configuration API read them here, so that both refuse the same requests with the same messages.
 *
 * <p>Only the syntax is checked here; whether the identifier is the app's admin and the UserSig verifies is the
 * caller's next step. {@code random} is checked and then forgotten: it only makes the vendor's URLs unique.
 *
 * @param sdkAppId a positive integer
 */
public record AdminParams(long sdkAppId, String identifier, String userSig) {

    /** The query parameters, in the order of the vendor's table: the order they are checked in. */
    public static final List<String> NAMES = List.of("sdkappid", "identifier", "usersig", "random", "contenttype");

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    /**
     * The three values that identify an admin, wherever a request carried them (a query string, a bearer token);
     * each may be null (absent).
     *
     * @throws InvalidAdminParamException for the first value missing or malformed, in the order of {@link #NAMES}
     */
    public static AdminParams of(String sdkAppId, String identifier, String userSig) {
        long app = parseUnsigned(required("sdkappid", sdkAppId), Long.MAX_VALUE);
        if (app <= 0) {
            throw new InvalidAdminParamException(
                    "sdkappid must be a positive integer, got " + ClientText.quoted(sdkAppId));
        }
        return new AdminParams(app, required("identifier", identifier), required("usersig", userSig));
    }

    /**
     * All five query parameters, each checked in full before the next, in the order of {@link #NAMES}.
     *
     * @param queryParam the value of a query parameter by name, null when absent
     * @throws InvalidAdminParamException for the first parameter missing or malformed
     */
    public static AdminParams fromQuery(Function<String, String> queryParam) {
        AdminParams params = of(queryParam.apply("sdkappid"), queryParam.apply("identifier"),
                queryParam.apply("usersig"));
        String random = required("random", queryParam.apply("random"));
        if (parseUnsigned(random, UINT32_MAX) < 0) {
            throw new InvalidAdminParamException(
                    "random must be an integer in [0, 4294967295], got " + ClientText.quoted(random));
        }
        String contentType = required("contenttype", queryParam.apply("contenttype"));
        if (!"json".equals(contentType)) {
            throw new InvalidAdminParamException("contenttype must be json, got " + ClientText.quoted(contentType));
        }
        return params;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidAdminParamException(name + " is missing");
        }
        return value;
    }

    /** The decimal value of {@code text} if it is only ASCII digits and at most {@code max}, else -1. */
    private static long parseUnsigned(String text, long max) {
        if (text.length() > 19) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || value > (max - (c - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
