package io.callstream.launcher;

import io.callstream.launcher.cli.CallstreamCommand;
import io.callstream.launcher.cli.LogFormat;
import io.callstream.launcher.run.Callstream;
import io.callstream.launcher.run.LaunchSettings;
import io.callstream.launcher.run.Ports;
import io.callstream.launcher.run.StartupBanner;
import io.callstream.service.Env;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar callstream.jar [options] | usersig ... | callback-config ...} (see {@code --help}).
 *
 * <p>Running callstream blocks until Ctrl-C or SIGTERM, whose shutdown hook stops everything in order and lets the
 * JVM exit. A start that fails exits with 2 for what the user can fix (a flag, a variable, a taken port), else 1.
 */
public final class CallstreamMain {

    private CallstreamMain() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        // Before the first logger is created: logback reads the choice when it configures itself.
        LogFormat.apply(LogFormat.chosen(Arrays.asList(args), env));
        System.exit(CallstreamCommand.commandLine(env, CallstreamMain::runUntilStopped).execute(args));
    }

    private static int runUntilStopped(LaunchSettings settings) throws InterruptedException {
        Callstream callstream;
        try {
            callstream = Callstream.start(settings);
        } catch (Callstream.LaunchException | Ports.PortInUseException | Env.ConfigException e) {
            System.err.println("callstream: " + e.getMessage());
            return 2;
        } catch (Exception | Error e) {
            System.err.println("callstream could not start: " + e);
            e.printStackTrace();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping callstream: gateway, then Streams, then the broker; the data is kept");
            callstream.close();
            stopped.countDown();
        }, "callstream-shutdown"));
        System.out.println(StartupBanner.text(callstream));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
