package io.callstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.gateway.callback.CallbackTokens;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbackTokenTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedTokenIsPersistedOwnerOnlyReusedOnTheNextStartAndAcceptedByTheGateway() throws Exception {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        CallbackToken first = CallbackToken.findOrGenerate(data);
        assertThat(first.origin()).isEqualTo(CallbackToken.Origin.GENERATED);
        assertThat(first.value()).matches("[0-9a-f]{32}");
        assertThat(Files.readString(data.callbackTokenFile()).trim()).isEqualTo(first.value());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.callbackTokenFile()))).isEqualTo("rw-------");
        }
        assertThat(CallbackTokens.of(first.value()).accepts(first.value())).as("long and URL-safe enough").isTrue();

        CallbackToken second = CallbackToken.findOrGenerate(data);
        assertThat(second).isEqualTo(new CallbackToken(first.value(), CallbackToken.Origin.PERSISTED));
    }

    @Test
    void freshKeepsTheToken() {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        CallbackToken token = CallbackToken.findOrGenerate(data);
        data.wipeData();
        assertThat(CallbackToken.findOrGenerate(data).value()).isEqualTo(token.value());
    }

    @Test
    void itsStringNeverShowsTheToken() {
        assertThat(new CallbackToken("0123456789abcdef0123", CallbackToken.Origin.GENERATED).toString()).doesNotContain("0123");
    }
}
