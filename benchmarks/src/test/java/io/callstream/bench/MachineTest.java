package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A report names the CPU by model, family and model number, as /proc/cpuinfo gives them. */
class MachineTest {

    @Test
    void theFirstProcessorsModelFamilyAndCacheAreNamed() {
        List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 26",
                "model\t\t: 2", "model name\t: AMD EPYC", "cache size\t: 1024 KB", "", "processor\t: 1",
                "cpu family\t: 25", "model name\t: other");

        assertThat(Machine.cpu(cpuinfo)).isEqualTo("AMD EPYC, family 26 model 2, 1024 KB cache");
    }

    @Test
    void whatCpuinfoDoesNotSayIsLeftOut() {
        assertThat(Machine.cpu(List.of("model name\t: Neoverse"))).isEqualTo("Neoverse");
        assertThat(Machine.cpu(List.of())).isEqualTo("unknown CPU");
    }

    @Test
    void theDescriptionStartsWithTheCores() {
        assertThat(Machine.describe()).startsWith(Runtime.getRuntime().availableProcessors() + " cores (")
                .endsWith("Java " + System.getProperty("java.version"));
    }
}
