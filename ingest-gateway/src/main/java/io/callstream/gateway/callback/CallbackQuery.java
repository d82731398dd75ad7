package io.callstream.gateway.callback;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;

/**
 * The query parameters of one callback request (docs/callback-protocol.md, "The request").
 *
 * @param sdkAppId the app, when the {@code sdkappid} parameter is a number
 * @param command  the {@code command} parameter, when present
 * @param clientIp {@code clientip}
 * @param platform {@code optplatform}, or the misspelt {@code optplatfrom} that one vendor example uses
 * @param rawQuery the query string as received, without its {@code token} parameter (see {@link #withoutToken})
 */
public record CallbackQuery(Optional<Long> sdkAppId, Optional<String> command, String clientIp, String platform,
                            String rawQuery) {

    /** Reads the parameters through a lookup such as {@code request::getParam}. */
    public static CallbackQuery from(java.util.function.Function<String, String> param, String rawQuery) {
        return new CallbackQuery(
                parseAppId(param.apply("sdkappid")),
                Optional.ofNullable(blankToNull(param.apply("command"))),
                blankToNull(param.apply("clientip")),
                Optional.ofNullable(blankToNull(param.apply("optplatform"))).orElseGet(() -> blankToNull(param.apply("optplatfrom"))),
                withoutToken(rawQuery));
    }

    /**
     * The query string without any parameter that the gateway would read as the callback token: the raw query is
     * stored (events topic, dead-letter headers) and kept for months, the token must not be. A parameter is dropped
     * when its name, decoded as the server decodes names ({@code %XX}, {@code +}) and in any case (parameter names
     * are looked up case-insensitively), is {@code token}; {@code &} and {@code ;} both separate parameters, as for
     * the server. Everything else is kept byte for byte.
     */
    public static String withoutToken(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawQuery;
        }
        StringBuilder kept = new StringBuilder(rawQuery.length());
        int start = 0;
        for (int i = 0; i <= rawQuery.length(); i++) {
            if (i == rawQuery.length() || rawQuery.charAt(i) == '&' || rawQuery.charAt(i) == ';') {
                String parameter = rawQuery.substring(start, i);
                if (!isToken(parameter)) {
                    if (!kept.isEmpty()) {
                        kept.append(rawQuery.charAt(start - 1));
                    }
                    kept.append(parameter);
                }
                start = i + 1;
            }
        }
        return kept.toString();
    }

    private static boolean isToken(String parameter) {
        int equals = parameter.indexOf('=');
        String name = equals < 0 ? parameter : parameter.substring(0, equals);
        try {
            name = QueryStringDecoder.decodeComponent(name);
        } catch (IllegalArgumentException e) {
            // Not decodable: the server cannot read it as "token" either.
        }
        return name.equalsIgnoreCase("token");
    }

    private static Optional<Long> parseAppId(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
