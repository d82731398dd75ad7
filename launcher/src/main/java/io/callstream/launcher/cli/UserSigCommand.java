package io.callstream.launcher.cli;

import io.callstream.service.usersig.UserSig;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code callstream usersig}: prints a UserSig, alone on its line, so that {@code SIG=$(... usersig)} works. */
@Command(name = "usersig", description = "Print a UserSig (TLS-SigAPIv2) for an identifier.", sortOptions = false)
final class UserSigCommand implements Callable<Integer> {

    @Mixin
    KeyOptions keyOptions;

    @Option(names = "--expire", paramLabel = "SECONDS", defaultValue = "86400", description = "Lifetime in seconds (default: ${DEFAULT-VALUE}).")
    long expireSeconds;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CallstreamCommand root = (CallstreamCommand) spec.root().userObject();
        String key = keyOptions.key(root.env(), spec.commandLine());
        if (expireSeconds < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--expire must not be negative");
        }
        spec.commandLine().getOut().println(UserSig.generate(keyOptions.sdkAppId, key, keyOptions.identifier,
                Duration.ofSeconds(expireSeconds), Instant.now()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
