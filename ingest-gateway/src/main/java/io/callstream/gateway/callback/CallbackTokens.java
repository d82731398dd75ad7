package io.callstream.gateway.callback;

import io.callstream.service.Env;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tokens a callback URL may carry ({@value #VARIABLE}): one, or two during a rotation ({@code new,old}), so that
 * the vendor's callbacks keep being accepted while its configured URL changes over. The sender signs nothing, so
 * without a token anyone who knows an SDKAppID (not a secret) could write records: an operator must either set one
 * or opt out explicitly with {@value #OPT_OUT}.
 */
public final class CallbackTokens {

    public static final String VARIABLE = "CALLSTREAM_CALLBACK_TOKEN";
    public static final String OPT_OUT = "none";
    public static final int MIN_LENGTH = 16;
    public static final int MAX_TOKENS = 2;

    /** Characters a URL path segment and a query value carry unchanged, so the configured token is the one sent. */
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    private final List<byte[]> tokens;
    private final Optional<String> current;

    private CallbackTokens(List<String> tokens) {
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.current = tokens.stream().findFirst();
    }

    /** Callbacks need no token: the operator's explicit {@value #OPT_OUT}. */
    public static CallbackTokens notRequired() {
        return new CallbackTokens(List.of());
    }

    /** Callbacks need one of {@code tokens}, the first being the current one. */
    public static CallbackTokens of(String... tokens) {
        return of(Arrays.asList(tokens));
    }

    private static CallbackTokens of(List<String> tokens) {
        if (tokens.isEmpty() || tokens.size() > MAX_TOKENS) {
            throw new Env.ConfigException(VARIABLE + " lists one token, or two (new,old) during a rotation; got "
                    + tokens.size());
        }
        for (String token : tokens) {
            if (token.equalsIgnoreCase(OPT_OUT)) {
                throw new Env.ConfigException(VARIABLE + "=" + OPT_OUT + " cannot be combined with tokens");
            }
            // The token itself never appears in a message: it may be a near miss of the real one.
            if (token.length() < MIN_LENGTH) {
                throw new Env.ConfigException(VARIABLE + " tokens must be at least " + MIN_LENGTH
                        + " characters long (e.g. openssl rand -hex 16), got one of " + token.length());
            }
            if (!URL_SAFE.matcher(token).matches()) {
                throw new Env.ConfigException(VARIABLE + " tokens may only hold letters, digits and . _ ~ - (they"
                        + " travel in the URL)");
            }
        }
        return new CallbackTokens(tokens);
    }

    /**
     * Reads {@value #VARIABLE}: the accepted tokens, comma-separated, or {@value #OPT_OUT}.
     *
     * @throws Env.ConfigException when it is unset, or a token is too short or not URL-safe
     */
    public static CallbackTokens from(Env env) {
        String value = env.optional(VARIABLE).orElseThrow(() -> new Env.ConfigException(VARIABLE
                + " is not set: set the token the vendor's callback URL carries (two, comma-separated new,old, during a"
                + " rotation), or " + VARIABLE + "=" + OPT_OUT + " to accept callbacks without one (anyone who knows an"
                + " SDKAppID could then write records)"));
        if (value.equalsIgnoreCase(OPT_OUT)) {
            return notRequired();
        }
        return of(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** False only when the operator opted out with {@value #OPT_OUT}. */
    public boolean required() {
        return !tokens.isEmpty();
    }

    /** The token to give out (the first configured); empty when none is required. */
    public Optional<String> current() {
        return current;
    }

    /**
     * Whether {@code given} is one of the tokens. Every token is compared, each in constant time, so the answer's
     * timing says nothing about which token, or how much of one, matched.
     */
    public boolean accepts(String given) {
        if (given == null) {
            return false;
        }
        byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
        boolean accepted = false;
        for (byte[] token : tokens) {
            accepted |= MessageDigest.isEqual(token, bytes);
        }
        return accepted;
    }

    /** Never the tokens: the config is logged. */
    @Override
    public String toString() {
        return required() ? "CallbackTokens[" + tokens.size() + " token(s)]" : "CallbackTokens[none]";
    }
}
