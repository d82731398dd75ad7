package io.callstream.emulator.run;

import io.callstream.emulator.call.CallGenerator;
import io.callstream.emulator.call.CallStory;
import io.callstream.emulator.call.Callback;
import io.callstream.emulator.call.GeneratorSettings;
import io.callstream.emulator.config.CallbackTarget;
import io.callstream.emulator.delivery.CallbackSender;
import io.callstream.emulator.truth.GroundTruth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generate, plan, send, and compute the ground truth of what got through: the whole emulator in one call, for the
 * CLI and for tests that want everything. The pieces ({@link CallGenerator}, {@link DeliveryPlan},
 * {@link CallbackDispatcher}, {@link GroundTruth}) can be used on their own.
 */
public final class EmulatorRun {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorRun.class);

    private EmulatorRun() {
    }

    /** Runs with its own sender, closed at the end. */
    public static Future<RunResult> run(Vertx vertx, RunSettings settings, CallbackTarget target) {
        CallbackSender sender = new CallbackSender(vertx, settings.sender());
        return run(vertx, settings, target, sender).onComplete(ar -> sender.close());
    }

    public static Future<RunResult> run(Vertx vertx, RunSettings settings, CallbackTarget target, CallbackSender sender) {
        GeneratorSettings generatorSettings = settings.generator();
        Pacing pacing;
        if (settings.realTime()) {
            long now = Instant.now().getEpochSecond();
            generatorSettings = generatorSettings.withStartEpochSecond(now);
            pacing = Pacing.realTime(now);
        } else {
            pacing = new Pacing(generatorSettings.startEpochSecond(), settings.speed());
        }
        CallGenerator generator = new CallGenerator(generatorSettings);
        List<CallStory> stories = settings.span() != null ? generator.generateFor(settings.span())
                : generator.generate(settings.calls());
        DeliveryPlan plan = DeliveryPlan.of(stories, pacing, settings.faults(), generatorSettings.seed());
        LOG.atInfo().addKeyValue("calls", stories.size()).addKeyValue("requests", plan.sends().size())
                .addKeyValue("realTime", settings.realTime()).addKeyValue("seed", generatorSettings.seed())
                .log("sending the callbacks of the generated calls");
        long sdkAppId = generatorSettings.sdkAppId();
        long seed = generatorSettings.seed();
        return new CallbackDispatcher(vertx, sender, target, settings.maxOutstanding())
                .dispatch(sdkAppId, plan)
                // The truth sweeps every call second by second: off the event loop.
                .compose(report -> vertx.executeBlocking(() -> {
                    Set<Callback> acked = report.acknowledged();
                    GroundTruth truth = GroundTruth.of(sdkAppId, stories, acked::contains, settings.zone());
                    return new RunResult(seed, stories, plan, report, truth);
                }, false));
    }
}
