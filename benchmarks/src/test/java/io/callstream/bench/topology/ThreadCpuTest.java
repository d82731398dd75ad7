package io.callstream.bench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** CPU time and run-queue wait per thread group, read from /proc. */
class ThreadCpuTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void threadsThatOutnumberTheCoresWaitForThem() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/task/" + PID + "/schedstat")), "Linux with schedstat only");
        int spinners = Runtime.getRuntime().availableProcessors() * 2;
        AtomicBoolean spin = new AtomicBoolean(true);
        ThreadCpu before = ThreadCpu.snapshot(PID);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < spinners; i++) {
            Thread t = new Thread(() -> {
                while (spin.get()) {
                    Thread.onSpinWait();
                }
            }, "C2 spinner-" + i); // named into the JIT group, which nothing else in this JVM is busy in for long
            t.start();
            threads.add(t);
        }
        Thread.sleep(600);
        ThreadCpu after = ThreadCpu.snapshot(PID); // while they run: an ended thread leaves /proc
        spin.set(false);
        for (Thread t : threads) {
            t.join();
        }

        // twice as many runnable threads as cores: about half of their 600 ms each on a core, half waiting for one
        assertThat(after.secondsSince(before, ThreadCpu.JIT)).isGreaterThan(0.2 * spinners / 2);
        assertThat(after.runQueueSecondsSince(before).get(ThreadCpu.JIT)).isGreaterThan(0.1 * spinners / 2);
    }
}
