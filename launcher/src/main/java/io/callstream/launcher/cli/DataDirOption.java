package io.callstream.launcher.cli;

import io.callstream.launcher.run.DataDirectory;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by the run command and the tools that read the persisted key. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: CALLSTREAM_DATA_DIR or ./.callstream/data).")
    Path dataDir;

    DataDirectory resolve(Map<String, String> env) {
        if (dataDir != null) {
            return new DataDirectory(dataDir);
        }
        String fromEnv = env.get(DataDirectory.VARIABLE);
        return new DataDirectory(fromEnv == null || fromEnv.isBlank() ? DataDirectory.DEFAULT : Path.of(fromEnv));
    }
}
