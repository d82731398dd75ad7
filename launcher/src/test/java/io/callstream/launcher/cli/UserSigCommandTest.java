package io.callstream.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.launcher.run.DataDirectory;
import io.callstream.launcher.run.SecretKey;
import io.callstream.service.usersig.UserSig;
import io.callstream.service.usersig.UserSigVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UserSigCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsAUserSigForTheGivenIdentifierAppKeyAndLifetime() {
        assertThat(run(Map.of(), "usersig", "--key", "k1", "--sdkappid", "1400000002", "--identifier", "bob", "--expire", "600")).isZero();
        String userSig = out.toString().trim();
        assertThat(new UserSigVerifier(1400000002L, "k1", Clock.systemUTC()).verify("bob", userSig)).isEqualTo(UserSigVerifier.Verdict.VALID);
        UserSig.Claims claims = UserSig.claims(userSig).orElseThrow();
        assertThat(claims.expire()).isEqualTo(600);
        assertThat(claims.time()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    }

    @Test
    void defaultsToTheAdministratorOfTheDemoAppAndTheLaunchersPersistedKey(@TempDir Path dir) {
        SecretKey key = SecretKey.findOrGenerate(Map.of(), new DataDirectory(dir));
        assertThat(run(Map.of(), "usersig", "--data-dir", dir.toString())).isZero();
        String userSig = out.toString().trim();
        assertThat(new UserSigVerifier(1400000001L, key.value(), Clock.systemUTC()).verify("administrator", userSig))
                .isEqualTo(UserSigVerifier.Verdict.VALID);
        assertThat(UserSig.claims(userSig).orElseThrow().expire()).isEqualTo(86_400);
    }

    @Test
    void theEnvironmentsKeyComesBeforeThePersistedOne(@TempDir Path dir) {
        SecretKey.findOrGenerate(Map.of(), new DataDirectory(dir));
        assertThat(run(Map.of("CALLSTREAM_SECRET_KEY", "env-key"), "usersig", "--data-dir", dir.toString())).isZero();
        assertThat(new UserSigVerifier(1400000001L, "env-key", Clock.systemUTC()).verify("administrator", out.toString().trim()))
                .isEqualTo(UserSigVerifier.Verdict.VALID);
    }

    @Test
    void withoutAnyKeyItSaysWhereOneComesFrom(@TempDir Path dir) {
        assertThat(run(Map.of(), "usersig", "--data-dir", dir.resolve("empty").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no secret key", "--key", "CALLSTREAM_SECRET_KEY");
        assertThat(out.toString()).isEmpty();
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = CallstreamCommand.commandLine(env, settings -> {
            throw new AssertionError("must not launch");
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
