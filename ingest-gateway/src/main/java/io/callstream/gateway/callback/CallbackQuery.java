package io.callstream.gateway.callback;

import java.util.Optional;

/**
 * The query parameters of one callback request (docs/callback-protocol.md, "The request").
 *
 * @param sdkAppId the app, when the {@code sdkappid} parameter is a number
 * @param command  the {@code command} parameter, when present
 * @param clientIp {@code clientip}
 * @param platform {@code optplatform}, or the misspelt {@code optplatfrom} that one vendor example uses
 * @param rawQuery the query string exactly as received
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
                rawQuery);
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
