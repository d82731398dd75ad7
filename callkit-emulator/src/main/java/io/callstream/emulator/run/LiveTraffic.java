package io.callstream.emulator.run;

import io.callstream.emulator.call.CallGenerator;
import io.callstream.emulator.call.CallStory;
import io.callstream.emulator.config.CallbackConfig;
import io.callstream.emulator.config.CallbackTarget;
import io.callstream.emulator.delivery.CallbackSender;
import io.callstream.emulator.delivery.DeliveryStats;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls made live, until closed: the generator's timeline starts now and each callback is sent when its action
 * happens, as in {@code --real-time} runs, but with no end (a demo's traffic). No ground truth is kept.
 *
 * <p>The timeline is cut into {@link #BATCH} slices: each slice's calls are generated and planned when the slice
 * begins, and sent by their own {@link CallbackDispatcher}, so memory holds only the calls still in progress. A call
 * belongs to the slice it starts in and its callbacks go out when due, however long it lasts. Closing stops new
 * slices and every unsent callback at once (the target answers "unconfigured"); the sender is closed with it.
 */
public final class LiveTraffic implements AutoCloseable {

    /** How much of the timeline is generated at a time. */
    public static final Duration BATCH = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(LiveTraffic.class);

    private final Vertx vertx;
    private final RunSettings settings;
    private final CallbackTarget target;
    private final CallbackSender sender;
    private final CallGenerator generator;
    private final long startEpochSecond;
    private final AtomicLong callsStarted = new AtomicLong();
    private final AtomicLong callbacksLost = new AtomicLong();
    private volatile boolean closed;
    private volatile long timerId = -1;
    private CallStory pending;
    private long slice;

    private LiveTraffic(Vertx vertx, RunSettings settings, CallbackTarget target) {
        this.vertx = vertx;
        this.settings = settings;
        this.startEpochSecond = Instant.now().getEpochSecond();
        // Once closed, every callback still planned is skipped by the dispatchers as "unconfigured".
        this.target = sdkAppId -> closed ? Optional.<CallbackConfig>empty() : target.current(sdkAppId);
        this.sender = new CallbackSender(vertx, settings.sender());
        this.generator = new CallGenerator(settings.generator().withStartEpochSecond(startEpochSecond));
    }

    /**
     * Starts sending and returns at once.
     *
     * @param settings the generator (its rate, mix and seed; its start is replaced by now), the sender, the faults
     *                 and {@code maxOutstanding} per slice; {@code calls}, {@code span}, {@code realTime},
     *                 {@code speed} and {@code zone} do not apply
     */
    public static LiveTraffic start(Vertx vertx, RunSettings settings, CallbackTarget target) {
        LiveTraffic traffic = new LiveTraffic(vertx, settings, target);
        traffic.pending = traffic.generator.next();
        vertx.runOnContext(v -> traffic.nextSlice());
        LOG.atInfo().addKeyValue("callsPerSecond", settings.generator().callsPerSecond())
                .addKeyValue("seed", settings.generator().seed()).log("live call traffic started");
        return traffic;
    }

    /** On the context: plan and dispatch the slice that begins now, and schedule the next one. */
    private void nextSlice() {
        if (closed) {
            return;
        }
        long sliceStart = startEpochSecond + slice * BATCH.toSeconds();
        long sliceEnd = sliceStart + BATCH.toSeconds();
        List<CallStory> stories = new ArrayList<>();
        while (pending.startTs() < sliceEnd) {
            stories.add(pending);
            pending = generator.next();
        }
        callsStarted.addAndGet(stories.size());
        DeliveryPlan plan = DeliveryPlan.of(stories, Pacing.realTime(sliceStart), settings.faults(),
                settings.generator().seed() + slice);
        new CallbackDispatcher(vertx, sender, target, settings.maxOutstanding())
                .dispatch(settings.generator().sdkAppId(), plan)
                .onSuccess(report -> callbacksLost.addAndGet(report.givenUp().size()));
        slice++;
        long nextAtMs = (startEpochSecond + slice * BATCH.toSeconds()) * 1000;
        timerId = vertx.setTimer(Math.max(1, nextAtMs - System.currentTimeMillis()), id -> nextSlice());
    }

    /** Calls whose timeline slice has begun (each sends its callbacks as its actions happen). */
    public long callsStarted() {
        return callsStarted.get();
    }

    /** Callbacks given up after the last retry, in slices that finished. */
    public long callbacksLost() {
        return callbacksLost.get();
    }

    public DeliveryStats sender() {
        return sender.stats();
    }

    @Override
    public void close() {
        closed = true;
        long id = timerId;
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
        sender.close();
        LOG.atInfo().addKeyValue("callsStarted", callsStarted()).addKeyValue("callbacksAcknowledged", sender.stats().acked())
                .log("live call traffic stopped");
    }
}
