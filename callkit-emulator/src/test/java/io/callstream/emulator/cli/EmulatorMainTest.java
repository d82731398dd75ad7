package io.callstream.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.emulator.testing.FakeReceiver;
import io.callstream.emulator.truth.GroundTruthFiles;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorMainTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void sendsTheCallsAndWritesTheGroundTruth(@TempDir Path dir) {
        try (FakeReceiver receiver = FakeReceiver.gatewayLike(vertx, 1400000001L)) {
            int exit = EmulatorMain.execute("--target", receiver.address(), "--calls", "25", "--seed", "3",
                    "--malformed", "0.5", "--malformed-kinds", "invalid_json,wrong_sdkappid", "--duplicate", "0.1",
                    "--actions", "caller_start_call,callee_accept_call,caller_call_end,normal_end,cancel",
                    "--truth-out", dir.toString());
            assertThat(exit).isZero();
            assertThat(GroundTruthFiles.readRecords(dir)).isNotEmpty().hasSizeLessThanOrEqualTo(25);
            assertThat(dir.resolve(GroundTruthFiles.SUMMARY)).content()
                    .contains("\"calls\" : 25", "INVALID_JSON", "\"expectedGatewayTreatment\" : \"REFUSED\"");
            assertThat(receiver.received()).extracting(FakeReceiver.Received::command)
                    .doesNotContain("callee_receive_call", "reject");
        }
    }

    @Test
    void badOptionsExitWithAUsageError() {
        assertThat(EmulatorMain.execute("--calls", "ten")).isEqualTo(2);
        assertThat(EmulatorMain.execute("--actions", "caller_teleported", "--calls", "1")).isEqualTo(2);
        assertThat(EmulatorMain.execute("--serve-config", "0", "--calls", "1")).isEqualTo(2); // no secret key
        assertThat(EmulatorMain.execute("--help")).isZero();
    }
}
