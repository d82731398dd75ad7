package io.callstream.emulator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.callstream.emulator.call.GeneratorSettings;
import io.callstream.emulator.config.CallbackConfig;
import io.callstream.emulator.config.CallbackConfigServer;
import io.callstream.emulator.config.CallbackConfigStore;
import io.callstream.emulator.config.CallbackTarget;
import io.callstream.emulator.config.ConfigApiSettings;
import io.callstream.emulator.delivery.SenderSettings;
import io.callstream.emulator.fault.FaultSettings;
import io.callstream.emulator.fault.MalformedKind;
import io.callstream.emulator.run.EmulatorRun;
import io.callstream.emulator.run.RunResult;
import io.callstream.emulator.run.RunSettings;
import io.callstream.emulator.truth.GroundTruthFiles;
import io.callstream.schemas.CallbackCommand;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The emulator as a command: generate calls, send their callbacks to a receiver as the vendor does, optionally serve
 * the callback configuration API, and write the ground truth. Prints the run's summary as JSON on stdout.
 */
@Command(name = "callkit-emulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Emulates Tencent Cloud TUICallKit's side: sends call callbacks to a receiver and tells what "
                + "records they must fold to. Options default to CALLSTREAM_EMULATOR_* environment variables where named.")
public final class EmulatorMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorMain.class);

    @Option(names = "--target", defaultValue = "${env:CALLSTREAM_EMULATOR_TARGET:-http://localhost:8080/callback}",
            description = "Callback address (the configured address when --serve-config is used). Default: ${DEFAULT-VALUE}")
    String target;

    @Option(names = "--sdkappid", defaultValue = "${env:CALLSTREAM_EMULATOR_SDKAPPID:-1400000001}",
            description = "The app. Default: ${DEFAULT-VALUE}")
    long sdkAppId;

    @Option(names = "--users", defaultValue = "1000", description = "User population. Default: ${DEFAULT-VALUE}")
    int users;

    @Option(names = "--rate", defaultValue = "5", description = "Calls per second on the call timeline. Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--calls", defaultValue = "100", description = "Calls to generate (0 with --serve-config: only serve). Default: ${DEFAULT-VALUE}")
    int calls;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Instead of --calls: the calls starting within this much timeline (90s, 5m, 2h).")
    Duration duration;

    @Option(names = "--group-share", defaultValue = "0.2", description = "Share of group calls. Default: ${DEFAULT-VALUE}")
    double groupShare;

    @Option(names = "--video-share", defaultValue = "0.4", description = "Share of video calls. Default: ${DEFAULT-VALUE}")
    double videoShare;

    @Option(names = "--open-share", defaultValue = "0", description = "Share of 1v1 calls left open (closed only by the receiver's idle timeout). Default: ${DEFAULT-VALUE}")
    double openShare;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--real-time", description = "Start the timeline now and send each callback when its action happens (live demos).")
    boolean realTime;

    @Option(names = "--speed", defaultValue = "0", description = "Without --real-time: play the simulated timeline at this many times real time; 0 = as fast as possible. Default: ${DEFAULT-VALUE}")
    double speed;

    @Option(names = "--start-epoch", description = "Without --real-time: Unix second the simulated timeline starts at. Default: 2026-01-01T00:00:00Z")
    Long startEpoch;

    @Option(names = "--actions", split = ",", description = "Commands to send (default: all 25).")
    List<String> actions;

    @Option(names = "--concurrency", defaultValue = "64", description = "Requests in flight at most. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--retry-scale", defaultValue = "1", description = "Multiply the vendor's retry waits (0,1,1,2,3,5 s). Default: ${DEFAULT-VALUE}")
    double retryScale;

    @Option(names = "--duplicate", defaultValue = "0", description = "Probability a callback is also sent twice.")
    double duplicate;

    @Option(names = "--reorder", defaultValue = "0", description = "Probability a call's callbacks are shuffled.")
    double reorder;

    @Option(names = "--delay", defaultValue = "0", description = "Probability a callback is delayed by up to --max-delay.")
    double delay;

    @Option(names = "--max-delay", defaultValue = "1s", converter = DurationConverter.class,
            description = "Longest injected delay. Default: ${DEFAULT-VALUE}")
    Duration maxDelay;

    @Option(names = "--malformed", defaultValue = "0", description = "Probability a call also gets one malformed request.")
    double malformed;

    @Option(names = "--malformed-kinds", split = ",", description = "Which malformed requests: ${COMPLETION-CANDIDATES} (default: all).")
    List<MalformedKind> malformedKinds;

    @Option(names = "--truth-out", description = "Directory to write the ground truth to (records.jsonl, concurrency.jsonl, daily.jsonl, summary.json).")
    Path truthOut;

    @Option(names = "--zone", defaultValue = "UTC", description = "Zone of the ground truth's day windows. Default: ${DEFAULT-VALUE}")
    String zone;

    @Option(names = "--serve-config", description = "Serve the callback configuration API (POST /v1/callback/set|get|update|delete) on this port.")
    Integer serveConfigPort;

    @Option(names = "--config-host", defaultValue = "${env:CALLSTREAM_EMULATOR_CONFIG_HOST:-0.0.0.0}", description = "Bind address of the configuration API. Default: ${DEFAULT-VALUE}")
    String configHost;

    @Option(names = "--secret-key", defaultValue = "${env:CALLSTREAM_EMULATOR_SECRET_KEY}",
            description = "The app's secret key UserSigs are checked with (required with --serve-config). Env: CALLSTREAM_EMULATOR_SECRET_KEY")
    String secretKey;

    @Option(names = "--admin", defaultValue = "administrator", description = "The admin identifier. Default: ${DEFAULT-VALUE}")
    String admin;

    @Option(names = "--config-rate", defaultValue = "10", description = "Configuration API requests per second per API before 70005; 0 = none. Default: ${DEFAULT-VALUE}")
    int configRate;

    @Option(names = "--await-config", description = "With --serve-config: start unconfigured; callbacks are skipped until v1/callback/set.")
    boolean awaitConfig;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return new CommandLine(new EmulatorMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Set<String> actionNames = actions == null ? null : Set.copyOf(actions);
        if (actionNames != null) {
            for (String a : actionNames) {
                if (CallbackCommand.fromWireName(a).filter(CallbackCommand.documented()::contains).isEmpty()) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "unknown action: " + a);
                }
            }
        }
        CallbackConfig initial = actionNames == null ? CallbackConfig.allActions(target)
                : new CallbackConfig(target, CallbackCommand.documentedWireNames().stream()
                        .filter(actionNames::contains).toList());
        Vertx vertx = Vertx.vertx();
        CallbackConfigServer server = null;
        try {
            CallbackTarget callbackTarget = CallbackTarget.fixed(initial);
            if (serveConfigPort != null) {
                if (secretKey == null || secretKey.isBlank()) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--serve-config needs --secret-key (or CALLSTREAM_EMULATOR_SECRET_KEY)");
                }
                CallbackConfigStore store = new CallbackConfigStore();
                if (!awaitConfig) {
                    store.set(sdkAppId, initial);
                }
                ConfigApiSettings apiSettings = new ConfigApiSettings(Map.of(sdkAppId, secretKey), admin, configRate,
                        true, Clock.systemUTC());
                server = CallbackConfigServer.start(vertx, configHost, serveConfigPort, store, apiSettings)
                        .toCompletionStage().toCompletableFuture().join();
                callbackTarget = store;
                LOG.atInfo().addKeyValue("port", server.port()).addKeyValue("sdkappid", sdkAppId)
                        .log("callback configuration API listening");
            }
            if (calls == 0 && duration == null) {
                if (server == null) {
                    return 0;
                }
                awaitTermination();
                return 0;
            }
            RunResult result = EmulatorRun.run(vertx, runSettings(), callbackTarget)
                    .toCompletionStage().toCompletableFuture().join();
            if (truthOut != null) {
                GroundTruthFiles.write(truthOut, result.truth(), result.summary());
                LOG.atInfo().addKeyValue("dir", truthOut.toString()).log("ground truth written");
            }
            PrintWriter out = new CommandLine(this).getOut();
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.summary()));
            out.flush();
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private RunSettings runSettings() {
        GeneratorSettings generator = GeneratorSettings.defaults()
                .withSdkAppId(sdkAppId).withSeed(seed).withUsers(users).withCallsPerSecond(rate)
                .withGroupShare(groupShare).withVideoShare(videoShare).withOpenShare(openShare);
        if (startEpoch != null) {
            generator = generator.withStartEpochSecond(startEpoch);
        }
        FaultSettings faults = FaultSettings.none().withDuplicate(duplicate).withReorder(reorder)
                .withDelay(delay, maxDelay).withMalformed(malformed)
                .withMalformedKinds(malformedKinds == null ? EnumSet.allOf(MalformedKind.class) : EnumSet.copyOf(malformedKinds));
        SenderSettings sender = SenderSettings.defaults().withConcurrency(concurrency)
                .withRetries(SenderSettings.defaults().retries().scaled(retryScale));
        RunSettings settings = RunSettings.defaults().withGenerator(generator).withRealTime(realTime).withSpeed(speed)
                .withSender(sender).withFaults(faults).withZone(ZoneId.of(zone));
        return duration != null ? settings.withSpan(duration) : settings.withCalls(calls);
    }

    private static void awaitTermination() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "emulator-shutdown"));
        stop.await();
    }
}
