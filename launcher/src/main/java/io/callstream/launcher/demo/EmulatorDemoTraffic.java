package io.callstream.launcher.demo;

import io.callstream.emulator.call.GeneratorSettings;
import io.callstream.emulator.config.CallbackConfig;
import io.callstream.emulator.config.CallbackTarget;
import io.callstream.emulator.run.LiveTraffic;
import io.callstream.emulator.run.RunSettings;
import io.callstream.service.Env;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code --demo} with the call emulator: calls start now at {@value #RATE_VARIABLE} calls per second (default
 * {@value #DEFAULT_RATE}), the emulator's default mix (a fifth group calls, every result, audio and video), among
 * {@value #USERS} users, each callback sent to the gateway when its action happens, with the vendor's retries. It runs
 * until the launcher stops.
 */
public final class EmulatorDemoTraffic implements DemoTraffic {

    public static final String RATE_VARIABLE = "CALLSTREAM_DEMO_RATE";
    static final double DEFAULT_RATE = 2;
    static final double MAX_RATE = 1000;
    /** Few enough users that one user's history fills in within minutes. */
    static final int USERS = 100;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private double rate = DEFAULT_RATE;

    @Override
    public String name() {
        return "callkit-emulator";
    }

    @Override
    public String configure(Env env) {
        rate = env.optional(RATE_VARIABLE).map(EmulatorDemoTraffic::rate).orElse(DEFAULT_RATE);
        return String.format(Locale.ROOT, "%s calls/s (%s)", formatted(rate), RATE_VARIABLE);
    }

    private static double rate(String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new Env.ConfigException(RATE_VARIABLE + " must be a number of calls per second, got '" + text + "'");
        }
        if (!(value > 0 && value <= MAX_RATE)) {
            throw new Env.ConfigException(RATE_VARIABLE + " must be above 0 and at most " + formatted(MAX_RATE) + ", got " + text);
        }
        return value;
    }

    private static String formatted(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public AutoCloseable start(DemoTarget target) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        // A new seed each start: the same seed would replay the same call ids, which a restart on the same data
        // directory would fold into the records of the previous run.
        GeneratorSettings calls = GeneratorSettings.defaults().withSdkAppId(target.sdkAppId()).withCallsPerSecond(rate)
                .withUsers(USERS).withSeed(new SecureRandom().nextLong());
        LiveTraffic traffic = LiveTraffic.start(vertx, RunSettings.defaults().withGenerator(calls),
                CallbackTarget.fixed(CallbackConfig.allActions(target.callbackUrl().toString())));
        return () -> {
            traffic.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        };
    }
}
