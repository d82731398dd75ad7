package io.callstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedKeyIsPersistedOwnerOnlyAndReusedOnTheNextStart() throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        SecretKey first = SecretKey.findOrGenerate(Map.of(), data);
        assertThat(first.origin()).isEqualTo(SecretKey.Origin.GENERATED);
        assertThat(first.value()).matches("[0-9a-f]{64}");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.secretKeyFile()))).isEqualTo("rw-------");
        }
        SecretKey second = SecretKey.findOrGenerate(Map.of(), data);
        assertThat(second.origin()).isEqualTo(SecretKey.Origin.PERSISTED);
        assertThat(second.value()).isEqualTo(first.value());
    }

    @Test
    void theEnvironmentWinsAndNothingIsWritten() {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        SecretKey key = SecretKey.findOrGenerate(Map.of(SecretKey.VARIABLE, " from-env "), data);
        assertThat(key).isEqualTo(new SecretKey("from-env", SecretKey.Origin.ENVIRONMENT));
        assertThat(data.secretKeyFile()).doesNotExist();
    }

    @Test
    void findNeverGenerates() {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        assertThat(SecretKey.find(Map.of(), data)).isEmpty();
        assertThat(data.secretKeyFile()).doesNotExist();
    }

    @Test
    void anEmptyKeyFileIsReportedNotUsed() throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        data.create();
        Files.writeString(data.secretKeyFile(), "\n");
        assertThatThrownBy(() -> SecretKey.find(Map.of(), data)).hasMessageContaining("is empty");
    }

    @Test
    void itsStringNeverShowsTheKey() {
        assertThat(new SecretKey("s3cr3t", SecretKey.Origin.ENVIRONMENT).toString()).doesNotContain("s3cr3t");
    }
}
