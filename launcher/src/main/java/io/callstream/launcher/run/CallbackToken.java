package io.callstream.launcher.run;

/**
 * The token the gateway's callback URL carries in the local mode, when {@code CALLSTREAM_CALLBACK_TOKEN} does not say
 * one: the one saved in the data directory, else a new random one saved there (readable by the owner only), so that
 * the printed curls, {@code --demo} and a URL registered with a sender keep working across restarts. A deployment
 * (an external cluster) configures its own token, or {@code none}; the gateway refuses to start without either.
 *
 * @param value  the token: 32 hex characters when generated
 * @param origin where it came from, for the startup message
 */
public record CallbackToken(String value, Origin origin) {

    public enum Origin { PERSISTED, GENERATED }

    private static final String WHAT = "callback token";

    /** The saved token, or a new one saved now. */
    public static CallbackToken findOrGenerate(DataDirectory data) {
        return SecretFile.read(data.callbackTokenFile(), WHAT)
                .map(token -> new CallbackToken(token, Origin.PERSISTED))
                .orElseGet(() -> new CallbackToken(SecretFile.generate(data.callbackTokenFile(), 16, WHAT),
                        Origin.GENERATED));
    }

    /** Never the token itself: records end up in logs. */
    @Override
    public String toString() {
        return "CallbackToken[" + origin + "]";
    }
}
