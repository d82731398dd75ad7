package io.callstream.launcher.cli;

import io.callstream.launcher.run.LaunchSettings;
import io.callstream.launcher.run.Role;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code callstream [options]}: runs callstream; {@code callstream usersig|callback-config ...}: the tools. */
@Command(name = "callstream",
        description = {"Runs callstream in one JVM: an embedded Kafka broker (unless KAFKA_BOOTSTRAP_SERVERS names a cluster),",
                "the topics, the callback gateway and the Streams app with its query APIs. Ctrl-C stops it; data is kept."},
        subcommands = {UserSigCommand.class, CallbackConfigCommand.class, CommandLine.HelpCommand.class},
        sortOptions = false, usageHelpAutoWidth = true)
public final class CallstreamCommand implements Callable<Integer> {

    /** What running means; the real one starts everything and blocks, tests capture the settings instead. */
    @FunctionalInterface
    public interface Launch {
        int run(LaunchSettings settings) throws Exception;
    }

    private final Map<String, String> env;
    private final Launch launch;

    @Option(names = "--role", paramLabel = "gateway|topology|all", defaultValue = "all",
            description = "Which services to run (default: ${DEFAULT-VALUE}).")
    Role role;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--fresh", description = "Delete the broker's data and the Streams state first (the secret key and callback token stay).")
    boolean fresh;

    @Option(names = "--demo", description = {"Also run the call emulator against the gateway, so records fill in live",
            "(CALLSTREAM_DEMO_RATE calls/s, default 2)."})
    boolean demo;

    @Option(names = "--gateway-port", paramLabel = "PORT", description = "Gateway port (default: CALLSTREAM_GATEWAY_PORT or 8080).")
    Integer gatewayPort;

    @Option(names = "--query-port", paramLabel = "PORT", description = "Query API port (default: CALLSTREAM_QUERY_PORT or 8081).")
    Integer queryPort;

    @Option(names = "--kafka-port", paramLabel = "PORT",
            description = "Embedded broker port (default: 9092, or a free port when 9092 is taken; 0: any free port).")
    Integer kafkaPort;

    @Option(names = "--sdkappid", paramLabel = "ID",
            description = "The app whose callbacks are accepted (default: CALLSTREAM_SDKAPPIDS or " + LaunchSettings.DEMO_SDKAPPID + ").")
    Long sdkAppId;

    @Option(names = "--create-topics", description = {"Create the missing topics of the services this process runs on an",
            "external cluster too (always done on the embedded broker)."})
    boolean createTopics;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Log format (default: CALLSTREAM_LOG_FORMAT or text).")
    LogFormat logFormat;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    public CallstreamCommand(Map<String, String> env, Launch launch) {
        this.env = Map.copyOf(env);
        this.launch = launch;
    }

    /** The command line with the conventions of every callstream command: case-insensitive enum values. */
    public static CommandLine commandLine(Map<String, String> env, Launch launch) {
        return new CommandLine(new CallstreamCommand(env, launch)).setCaseInsensitiveEnumValuesAllowed(true);
    }

    Map<String, String> env() {
        return env;
    }

    @Override
    public Integer call() throws Exception {
        return launch.run(settings());
    }

    LaunchSettings settings() {
        return new LaunchSettings(role, dataDir.resolve(env), fresh, demo, optional(gatewayPort), optional(queryPort),
                optional(kafkaPort), sdkAppId == null ? OptionalLong.empty() : OptionalLong.of(sdkAppId), createTopics, env);
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
