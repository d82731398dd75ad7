package io.callstream.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.launcher.run.Callstream;
import io.callstream.launcher.run.DataDirectory;
import io.callstream.launcher.run.LaunchSettings;
import io.callstream.launcher.run.Role;
import io.callstream.service.Env;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo traffic's settings, and the launch refusing a demo it cannot run before anything starts. */
class EmulatorDemoTrafficTest {

    @Test
    void theLaunchersOwnDemoIsFoundOnTheClassPath() {
        assertThat(DemoTrafficLoader.find()).containsInstanceOf(EmulatorDemoTraffic.class);
    }

    @Test
    void twoCallsPerSecondUnlessTheVariableSaysOtherwise() {
        assertThat(new EmulatorDemoTraffic().configure(new Env(Map.of()))).isEqualTo("2 calls/s (CALLSTREAM_DEMO_RATE)");
        assertThat(new EmulatorDemoTraffic().configure(new Env(Map.of("CALLSTREAM_DEMO_RATE", "0.5"))))
                .isEqualTo("0.5 calls/s (CALLSTREAM_DEMO_RATE)");
        assertThat(new EmulatorDemoTraffic().configure(new Env(Map.of("CALLSTREAM_DEMO_RATE", " 20 "))))
                .isEqualTo("20 calls/s (CALLSTREAM_DEMO_RATE)");
    }

    @Test
    void aRateThatIsNotAPositiveNumberNamesTheVariable() {
        for (String bad : new String[] {"fast", "0", "-1", "NaN", "1e9"}) {
            assertThatThrownBy(() -> new EmulatorDemoTraffic().configure(new Env(Map.of("CALLSTREAM_DEMO_RATE", bad))))
                    .as(bad).isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_DEMO_RATE");
        }
    }

    @Test
    void aDemoItCannotRunStopsTheLaunchBeforeAnythingStarts(@TempDir Path dir) {
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        assertThatThrownBy(() -> Callstream.start(settings(data, Role.TOPOLOGY, Map.of())))
                .isInstanceOf(Callstream.LaunchException.class).hasMessageContaining("--role all or gateway");
        assertThatThrownBy(() -> Callstream.start(settings(data, Role.ALL, Map.of("CALLSTREAM_DEMO_RATE", "lots"))))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_DEMO_RATE");
        assertThat(data.root()).doesNotExist();
    }

    private static LaunchSettings settings(DataDirectory data, Role role, Map<String, String> env) {
        return new LaunchSettings(role, data, false, true, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(0),
                OptionalLong.empty(), false, env);
    }
}
