package io.callstream.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.emulator.config.CallbackConfig;
import io.callstream.emulator.config.CallbackConfigServer;
import io.callstream.emulator.config.CallbackConfigStore;
import io.callstream.emulator.config.ConfigApiSettings;
import io.callstream.launcher.callback.CallbackConfigClient;
import io.callstream.launcher.callback.CallbackConfigOperation;
import io.callstream.schemas.CallbackCommand;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code callback-config} against the call emulator's configuration API ({@code CallbackConfigServer}), which checks
 * what the vendor checks: the common parameters, the admin, the UserSig, the body. What the command sets is what the
 * emulator's sender would then use.
 */
class CallbackConfigCommandTest {

    private static final long APP = 1400000001L;
    private static final long OTHER_APP = 1400000002L;
    private static final String KEY = "vendor-secret-key";
    private static final String OTHER_KEY = "other-secret-key";

    private final Vertx vertx = Vertx.vertx();
    private CallbackConfigServer server;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void startVendor() {
        ConfigApiSettings settings = new ConfigApiSettings(Map.of(APP, KEY, OTHER_APP, OTHER_KEY),
                ConfigApiSettings.DEFAULT_ADMIN, 0, true, Clock.systemUTC());
        server = CallbackConfigServer.start(vertx, "127.0.0.1", 0, new CallbackConfigStore(), settings)
                .toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stopVendor() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void setGetUpdateDeleteChangeTheVendorsConfiguration() {
        assertThat(run("set", "--address", "https://calls.example.com/callback/t0k3n")).isZero();
        assertSuccess(printed(), "https://calls.example.com/callback/t0k3n");
        assertThat(stored(APP)).contains(CallbackConfig.allActions("https://calls.example.com/callback/t0k3n"));

        assertThat(run("get")).isZero();
        assertSuccess(printed(), new JsonObject().put("actions", new JsonArray(CallbackCommand.documentedWireNames()))
                .put("address", "https://calls.example.com/callback/t0k3n"));

        assertThat(run("update", "--address", "http://10.0.0.5:8080/callback", "--actions", "call_busy,normal_end")).isZero();
        assertSuccess(printed(), "http://10.0.0.5:8080/callback");
        assertThat(stored(APP)).contains(new CallbackConfig("http://10.0.0.5:8080/callback", List.of("call_busy", "normal_end")));

        assertThat(run("delete")).isZero();
        assertSuccess(printed(), "");
        assertThat(stored(APP)).isEmpty();

        assertThat(run("get")).isEqualTo(1);
        assertError(printed(), 999);
        assertThat(err.toString()).contains("get failed", "errorCode 999");
    }

    @Test
    void updateWithoutAConfigurationIs999AndChangesNothing() {
        assertThat(run("update", "--address", "http://x.example/cb")).isEqualTo(1);
        assertError(printed(), 999);
        assertThat(printed().getString("errorMessage")).isEqualTo("no configuration");
        assertThat(err.toString()).contains("update failed", "HTTP 200", "errorCode 999");
        assertThat(stored(APP)).isEmpty();
    }

    @Test
    void anAddressThatIsNotHttpIs70001() {
        assertThat(run("set", "--address", "ftp://calls.example.com/callback")).isEqualTo(1);
        assertError(printed(), 70001);
        assertThat(printed().getString("errorMessage")).contains("http");
        assertThat(stored(APP)).isEmpty();
    }

    @Test
    void theChosenAppIsSignedWithItsOwnKey() {
        assertThat(run("set", "--address", "http://other.example/cb", "--sdkappid", Long.toString(OTHER_APP),
                "--key=" + OTHER_KEY)).isZero();
        assertThat(stored(OTHER_APP)).contains(CallbackConfig.allActions("http://other.example/cb"));
        assertThat(stored(APP)).isEmpty();

        // The same request signed with another app's key, or for an account that is not the admin, is refused.
        assertThat(run("set", "--address", "http://other.example/cb2", "--sdkappid", Long.toString(OTHER_APP))).isEqualTo(1);
        assertError(printed(), 70002);
        assertThat(run("set", "--address", "http://other.example/cb2", "--identifier", "alice")).isEqualTo(1);
        assertError(printed(), 70004);
        assertThat(stored(OTHER_APP)).contains(CallbackConfig.allActions("http://other.example/cb"));
    }

    @Test
    void setWithoutAnAddressIsAUsageErrorAndSendsNothing() {
        assertThat(run("set")).isEqualTo(2);
        assertThat(err.toString()).contains("--address");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theVendorsDomainIsTheDefault() {
        assertThat(CallbackConfigOperation.SET.path()).isEqualTo("/v1/callback/set");
        assertThat(CallbackConfigClient.VENDOR_BASE_URL).isEqualTo("https://callkit.trtc.tencent-cloud.com");
    }

    private Optional<CallbackConfig> stored(long app) {
        return server.store().current(app);
    }

    /** The last line the command printed: the API's answer, as received. */
    private JsonObject printed() {
        String[] lines = out.toString().trim().split("\n");
        return new JsonObject(lines[lines.length - 1]);
    }

    private static void assertSuccess(JsonObject answer, Object data) {
        assertThat(answer.getInteger("errorCode")).isZero();
        assertThat(answer.getString("errorMessage")).isEqualTo("Success");
        assertThat(answer.getString("requestId")).matches("[0-9a-f]{32}");
        assertThat(answer.getValue("data")).isEqualTo(data);
    }

    private static void assertError(JsonObject answer, int code) {
        assertThat(answer.getInteger("errorCode")).as(answer.encode()).isEqualTo(code);
        assertThat(answer.getString("requestId")).matches("[0-9a-f]{32}");
    }

    /** {@code callstream callback-config <args> --base-url <emulator> [--key KEY]}, output captured. */
    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> full = new java.util.ArrayList<>(List.of("callback-config"));
        full.addAll(List.of(args));
        full.add("--base-url");
        full.add("http://127.0.0.1:" + server.port());
        if (full.stream().noneMatch(a -> a.startsWith("--key"))) {
            full.add("--key=" + KEY);
        }
        var commandLine = CallstreamCommand.commandLine(Map.of(), settings -> {
            throw new AssertionError("must not launch");
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(full.toArray(String[]::new));
    }
}
