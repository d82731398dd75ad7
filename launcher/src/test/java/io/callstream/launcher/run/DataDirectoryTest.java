package io.callstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @Test
    void freshDeletesTheBrokerDataAndStreamsStateButKeepsTheKey(@TempDir Path dir) throws Exception {
        DataDirectory data = new DataDirectory(dir);
        SecretKey key = SecretKey.findOrGenerate(Map.of(), data);
        Files.createDirectories(data.kafka().resolve("callkit.events-0"));
        Files.writeString(data.kafka().resolve("meta.properties"), "cluster.id=x\n");
        Files.writeString(data.kafka().resolve("callkit.events-0").resolve("00000000000000000000.log"), "data");
        Files.createDirectories(data.streamsState().resolve("callstream-topology/0_1/rocksdb"));

        data.wipeData();

        assertThat(data.kafka()).doesNotExist();
        assertThat(data.streamsState()).doesNotExist();
        assertThat(SecretKey.find(Map.of(), data)).contains(new SecretKey(key.value(), SecretKey.Origin.PERSISTED));
    }

    @Test
    void freshOnANewDirectoryIsANoOp(@TempDir Path dir) {
        DataDirectory data = new DataDirectory(dir.resolve("never-used"));
        data.wipeData();
        assertThat(dir.resolve("never-used")).doesNotExist();
    }

    @Test
    void itsLayoutIsUnderTheAbsoluteRoot(@TempDir Path dir) {
        DataDirectory data = new DataDirectory(dir.resolve("a/../b"));
        assertThat(data.root()).isEqualTo(dir.resolve("b").toAbsolutePath());
        assertThat(data.kafka()).isEqualTo(data.root().resolve("kafka"));
        assertThat(data.streamsState()).isEqualTo(data.root().resolve("streams"));
        assertThat(data.secretKeyFile()).isEqualTo(data.root().resolve("secret.key"));
    }
}
