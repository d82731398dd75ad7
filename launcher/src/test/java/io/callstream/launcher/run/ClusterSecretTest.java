package io.callstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretTest {

    @TempDir
    Path dir;

    private LaunchSettings settings(Role role, Map<String, String> env) {
        return new LaunchSettings(role, new DataDirectory(dir.resolve("data")), false, false, OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(), false, env);
    }

    @Test
    void theLocalModeGeneratesOneKeepsItOwnerOnlyAndReusesIt() throws Exception {
        LaunchSettings local = settings(Role.ALL, Map.of());
        String first = ClusterSecret.forLocalMode(local).orElseThrow();
        assertThat(first).matches("[0-9a-f]{64}");
        Path file = local.data().clusterSecretFile();
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(ClusterSecret.forLocalMode(local)).contains(first);
        local.data().wipeData();
        assertThat(ClusterSecret.forLocalMode(local)).as("--fresh keeps it").contains(first);
    }

    @Test
    void nothingIsGeneratedWhenTheEnvironmentSetsOneOrForACluster() {
        assertThat(ClusterSecret.forLocalMode(settings(Role.ALL, Map.of("CALLSTREAM_CLUSTER_SECRET", "set")))).isEmpty();
        assertThat(ClusterSecret.forLocalMode(settings(Role.TOPOLOGY, Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"))))
                .as("every instance of a cluster needs the same one: the operator's").isEmpty();
        assertThat(ClusterSecret.forLocalMode(settings(Role.GATEWAY, Map.of()))).as("no Streams app").isEmpty();
        assertThat(dir.resolve("data").resolve("cluster.secret")).doesNotExist();
    }
}
