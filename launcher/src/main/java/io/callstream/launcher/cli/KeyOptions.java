package io.callstream.launcher.cli;

import io.callstream.launcher.run.SecretKey;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The app and admin a tool signs as, and the key it signs with. */
public final class KeyOptions {

    @Option(names = "--sdkappid", paramLabel = "ID", defaultValue = "1400000001", description = "SDKAppID (default: ${DEFAULT-VALUE}).")
    long sdkAppId;

    @Option(names = "--identifier", paramLabel = "ID", defaultValue = "administrator",
            description = "Identifier the UserSig is for, the app admin for the APIs (default: ${DEFAULT-VALUE}).")
    String identifier;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Secret key (default: CALLSTREAM_SECRET_KEY, else the key the launcher saved in the data directory).")
    String key;

    @Mixin
    DataDirOption dataDir;

    /** @throws CommandLine.ParameterException when no key is given and none is known */
    String key(Map<String, String> env, CommandLine commandLine) {
        if (key != null && !key.isBlank()) {
            return key;
        }
        var data = dataDir.resolve(env);
        return SecretKey.find(env, data).map(SecretKey::value).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                "no secret key: pass --key, set " + SecretKey.VARIABLE + ", or start callstream once with this data directory ("
                        + data + ") so that it generates one"));
    }
}
