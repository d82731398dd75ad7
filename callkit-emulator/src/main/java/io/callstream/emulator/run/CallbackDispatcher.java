package io.callstream.emulator.run;

import io.callstream.emulator.call.Callback;
import io.callstream.emulator.config.CallbackConfig;
import io.callstream.emulator.config.CallbackTarget;
import io.callstream.emulator.delivery.CallbackSender;
import io.callstream.emulator.delivery.DeliveryResult;
import io.callstream.emulator.fault.MalformedKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends a {@link DeliveryPlan} through a {@link CallbackSender}: each request when it is due, to the address the app's
 * configuration names at that moment, if its actions select the command. At most {@code maxOutstanding} deliveries
 * (including their retries) are under way at once, so a plan of millions of callbacks does not become millions of
 * pending futures.
 *
 * <p>All state is touched on one Vert.x context; one dispatcher runs one plan at a time.
 */
public final class CallbackDispatcher {

    private final Vertx vertx;
    private final CallbackSender sender;
    private final CallbackTarget target;
    private final int maxOutstanding;

    public CallbackDispatcher(Vertx vertx, CallbackSender sender, CallbackTarget target, int maxOutstanding) {
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be >= 1, got " + maxOutstanding);
        }
        this.vertx = vertx;
        this.sender = sender;
        this.target = target;
        this.maxOutstanding = maxOutstanding;
    }

    /** Sends the plan; completes when every request was answered, given up or skipped. */
    public Future<DispatchReport> dispatch(long sdkAppId, DeliveryPlan plan) {
        Run run = new Run(sdkAppId, plan.sends(), vertx.getOrCreateContext());
        run.context.runOnContext(v -> run.pump());
        return run.done.future();
    }

    private final class Run {
        final long sdkAppId;
        final List<PlannedSend> sends;
        final Context context;
        final Promise<DispatchReport> done = Promise.promise();
        final long startedAtMs = System.currentTimeMillis();
        int next;
        int outstanding;
        boolean timerSet;

        long originals;
        long duplicates;
        long notSubscribed;
        long unconfigured;
        final Map<MalformedKind, Long> malformedSent = new EnumMap<>(MalformedKind.class);
        final Map<MalformedKind, Long> malformedAcked = new EnumMap<>(MalformedKind.class);
        final Map<MalformedKind, Long> malformedRefused = new EnumMap<>(MalformedKind.class);
        final Set<Callback> acknowledged = new HashSet<>();
        final Set<Callback> failed = new HashSet<>();

        Run(long sdkAppId, List<PlannedSend> sends, Context context) {
            this.sdkAppId = sdkAppId;
            this.sends = sends;
            this.context = context;
        }

        /** On the context: send everything due, then wait for the next due time or a free slot. */
        void pump() {
            long elapsed = System.currentTimeMillis() - startedAtMs;
            while (next < sends.size() && outstanding < maxOutstanding && sends.get(next).dueMs() <= elapsed) {
                dispatch(sends.get(next++));
            }
            if (next >= sends.size()) {
                finishIfIdle();
                return;
            }
            if (outstanding < maxOutstanding && !timerSet) {
                timerSet = true;
                long wait = Math.max(1, sends.get(next).dueMs() - elapsed);
                vertx.setTimer(wait, id -> {
                    timerSet = false;
                    pump();
                });
            }
        }

        void dispatch(PlannedSend send) {
            Optional<CallbackConfig> config = target.current(sdkAppId);
            if (config.isEmpty()) {
                unconfigured++;
                return;
            }
            String address = config.get().address();
            if (send.kind() == PlannedSend.Kind.MALFORMED) {
                malformedSent.merge(send.malformed(), 1L, Long::sum);
                track(sender.sendOnce(address, send.request()), result ->
                        (result.acknowledged() ? malformedAcked : malformedRefused).merge(send.malformed(), 1L, Long::sum));
                return;
            }
            if (!config.get().selects(send.source().command())) {
                notSubscribed++;
                return;
            }
            if (send.kind() == PlannedSend.Kind.DUPLICATE) {
                duplicates++;
            } else {
                originals++;
            }
            track(sender.send(address, send.request()), result -> {
                if (result.acknowledged()) {
                    acknowledged.add(send.source());
                } else {
                    failed.add(send.source());
                }
            });
        }

        void track(Future<DeliveryResult> delivery, java.util.function.Consumer<DeliveryResult> onResult) {
            outstanding++;
            delivery.onComplete(ar -> context.runOnContext(v -> {
                outstanding--;
                if (ar.succeeded()) {
                    onResult.accept(ar.result());
                }
                pump();
            }));
        }

        void finishIfIdle() {
            if (outstanding > 0 || done.future().isComplete()) {
                return;
            }
            List<Callback> lost = new ArrayList<>();
            failed.stream().filter(c -> !acknowledged.contains(c)).forEach(lost::add);
            done.complete(new DispatchReport(originals, duplicates, notSubscribed, unconfigured, malformedSent,
                    malformedAcked, malformedRefused, acknowledged, lost, sender.stats()));
        }
    }
}
