package io.callstream.launcher.cli;

import io.callstream.launcher.callback.CallbackConfigClient;
import io.callstream.launcher.callback.CallbackConfigOperation;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code callstream callback-config set|get|update|delete}: the vendor's callback configuration API, signed with a
 * generated UserSig. Prints the response body; exits 1 unless it is {@code errorCode} 0.
 */
@Command(name = "callback-config", description = "Call the vendor's callback configuration API (v1/callback/*).",
        subcommands = {CallbackConfigCommand.Set.class, CallbackConfigCommand.Get.class, CallbackConfigCommand.Update.class,
                CallbackConfigCommand.Delete.class})
final class CallbackConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name the call: set, get, update or delete");
    }

    /** What every call shares: where the API is, and who signs. */
    abstract static class Call implements Callable<Integer> {

        @Option(names = "--base-url", paramLabel = "URL", defaultValue = CallbackConfigClient.VENDOR_BASE_URL,
                description = "The API's base URL (default: ${DEFAULT-VALUE}, the vendor's domain).")
        String baseUrl;

        @Mixin
        KeyOptions keyOptions;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;

        @Spec
        CommandSpec spec;

        abstract CallbackConfigOperation operation();

        String address() {
            return null;
        }

        List<String> actions() {
            return List.of();
        }

        @Override
        public Integer call() throws Exception {
            CallstreamCommand root = (CallstreamCommand) spec.root().userObject();
            String key = keyOptions.key(root.env(), spec.commandLine());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            CallbackConfigClient client = new CallbackConfigClient(http, baseUrl,
                    new CallbackConfigClient.Credentials(keyOptions.sdkAppId, keyOptions.identifier, key), Clock.systemUTC());
            CallbackConfigClient.Response response = client.call(operation(), operation().body(address(), actions()));
            PrintWriter out = spec.commandLine().getOut();
            out.println(response.body());
            out.flush();
            if (!response.succeeded()) {
                spec.commandLine().getErr().println(operation().command() + " failed: HTTP " + response.status()
                        + response.errorCode().map(code -> ", errorCode " + code).orElse(""));
                spec.commandLine().getErr().flush();
                return 1;
            }
            return 0;
        }
    }

    /** Set and update: the callback address and the commands to send there. */
    abstract static class Configure extends Call {

        @Option(names = "--address", required = true, paramLabel = "URL", description = "The callback URL the vendor posts to.")
        String address;

        @Option(names = "--actions", split = ",", paramLabel = "COMMAND",
                description = "Commands to receive, comma-separated (default: all 25).")
        List<String> actions = List.of();

        @Override
        String address() {
            return address;
        }

        @Override
        List<String> actions() {
            return actions;
        }
    }

    @Command(name = "set", description = "Configure the callback address and actions (last call wins).", sortOptions = false)
    static final class Set extends Configure {
        @Override
        CallbackConfigOperation operation() {
            return CallbackConfigOperation.SET;
        }
    }

    @Command(name = "update", description = "Change the configured address and actions.", sortOptions = false)
    static final class Update extends Configure {
        @Override
        CallbackConfigOperation operation() {
            return CallbackConfigOperation.UPDATE;
        }
    }

    @Command(name = "get", description = "Print the configured address and actions.", sortOptions = false)
    static final class Get extends Call {
        @Override
        CallbackConfigOperation operation() {
            return CallbackConfigOperation.GET;
        }
    }

    @Command(name = "delete", description = "Remove the callback configuration.", sortOptions = false)
    static final class Delete extends Call {
        @Override
        CallbackConfigOperation operation() {
            return CallbackConfigOperation.DELETE;
        }
    }
}
