package io.callstream.launcher.run;

import java.time.Instant;
import java.util.UUID;

/** What the launcher prints once everything runs: where things are, the key (or its fingerprint), and curls to paste. */
public final class StartupBanner {

    private StartupBanner() {
    }

    public static String text(Callstream callstream, ReadyToPasteCurls.Examples examples) {
        StringBuilder out = new StringBuilder();
        LaunchSettings settings = callstream.settings();
        out.append("\ncallstream is running (role ").append(settings.role().name().toLowerCase()).append("). Ctrl-C stops it.\n\n");
        line(out, "data", settings.data() + (callstream.broker().isPresent()
                ? " (kept across restarts; --fresh starts empty)" : " (Streams state only)"));
        callstream.broker().ifPresentOrElse(
                broker -> line(out, "Kafka", broker.bootstrapServers() + "  embedded KRaft broker, cluster " + broker.clusterId()
                        + (broker.formattedNow() ? ", new storage" : ", storage reused")),
                () -> line(out, "Kafka", callstream.bootstrapServers() + "  external cluster (KAFKA_BOOTSTRAP_SERVERS)"));
        callstream.kafkaPortNote().ifPresent(note -> line(out, "", note));
        if (!callstream.topicsCreated().isEmpty()) {
            line(out, "topics", "created " + String.join(", ", callstream.topicsCreated()));
        }
        if (callstream.gatewayUrl() != null) {
            line(out, "gateway", callstream.gatewayUrl() + "/callback (and /)   /healthz /readyz /metrics");
            line(out, "callbacks", callstream.callbackUrl() + "  (" + callbackNote(callstream) + ")");
        }
        if (callstream.queryUrl() != null) {
            line(out, "query API", callstream.queryUrl() + "  /v1/records/*, /v4/call_record_http_srv/*, /api/v1/*   /healthz /readyz /metrics");
        }
        if (examples.dashboard() != null) {
            line(out, "dashboard", examples.dashboard() + "  (signed in for " + ReadyToPasteCurls.USERSIG_LIFETIME.toHours()
                    + " h; the UserSig stays in the browser tab)");
        }
        line(out, "app", "SDKAppID " + callstream.sdkAppId()
                + (callstream.adminIdentifier() == null ? "" : ", admin " + callstream.adminIdentifier()));
        SecretKey key = callstream.secretKey();
        if (key != null) {
            line(out, "secret key", secretKey(key, settings.data()));
        }
        callstream.demoDescription().ifPresent(demo -> line(out, "demo", demo
                + ": live calls into the gateway; each call's record appears once it ends"));
        if (examples.callback() != null) {
            out.append("\nPost a callback (a finished 1v1 call; its record is ready about 3 s later):\n  ")
                    .append(examples.callback()).append('\n');
        }
        if (examples.recordsByFilter() != null) {
            out.append("\nList the last day's records (UserSig valid 24 h; make another with `callstream.jar usersig`):\n  ")
                    .append(examples.recordsByFilter()).append('\n');
            out.append("\nRead that call back:\n  ").append(examples.recordByCallId()).append('\n');
            out.append("\nToday and this month, and the calls live now (analyst API):\n  ").append(examples.statsOverview())
                    .append('\n');
            out.append("\nMaximum concurrent calls per minute over the last hour, calls in progress included:\n  ")
                    .append(examples.concurrency()).append('\n');
        }
        return out.toString();
    }

    /** The banner with examples for a new call id, signed now. */
    public static String text(Callstream callstream) {
        SecretKey key = callstream.secretKey();
        String callbackUrl = callstream.callbackUrl() == null ? null : callstream.callbackUrl().toString();
        return text(callstream, ReadyToPasteCurls.of(callbackUrl, callstream.queryUrl(), callstream.sdkAppId(),
                callstream.adminIdentifier(), key == null ? null : key.value(), UUID.randomUUID().toString(), Instant.now()));
    }

    /**
     * The key itself only when it was generated now, since then nobody has it yet; otherwise its fingerprint, so that
     * a key from the environment or a file never lands in a terminal's scrollback or a log collector.
     */
    static String secretKey(SecretKey key, DataDirectory data) {
        return switch (key.origin()) {
            case GENERATED -> key.value() + "  (generated now, saved in " + data.secretKeyFile() + ")";
            case ENVIRONMENT -> "fingerprint " + key.fingerprint() + "  (from " + SecretKey.VARIABLE + ")";
            case PERSISTED -> "fingerprint " + key.fingerprint() + "  (saved in " + data.secretKeyFile() + ")";
        };
    }

    /** Where the callback URL's token comes from, or that there is none. */
    private static String callbackNote(Callstream callstream) {
        if (!callstream.callbacksAuthenticated()) {
            return "NOT authenticated: CALLSTREAM_CALLBACK_TOKEN=none";
        }
        CallbackToken token = callstream.callbackToken();
        String origin = token == null ? "token from CALLSTREAM_CALLBACK_TOKEN" : switch (token.origin()) {
            case PERSISTED -> "token saved in " + callstream.settings().data().callbackTokenFile();
            case GENERATED -> "token generated now, saved in " + callstream.settings().data().callbackTokenFile();
        };
        return origin + "; without it a callback gets 401";
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-11s %s%n", label, value));
    }
}
