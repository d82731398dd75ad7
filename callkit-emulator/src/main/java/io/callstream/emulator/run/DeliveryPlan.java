package io.callstream.emulator.run;

import io.callstream.emulator.call.CallStory;
import io.callstream.emulator.call.Callback;
import io.callstream.emulator.delivery.CallbackRequest;
import io.callstream.emulator.fault.FaultSettings;
import io.callstream.emulator.fault.MalformedKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every request of a run, in the order they are due, with the faults injected: the callbacks of all calls interleaved
 * by EventTime as the vendor would send them, then duplicates, reordering, delays and malformed extras drawn from the
 * seed.
 *
 * @param sends          sorted by (dueMs, order)
 * @param duplicates     duplicate requests added
 * @param delayed        requests (originals and duplicates) delayed
 * @param reorderedCalls calls whose callbacks were shuffled
 * @param malformed      malformed extras added, by kind
 */
public record DeliveryPlan(List<PlannedSend> sends, int duplicates, int delayed, int reorderedCalls,
                           Map<MalformedKind, Integer> malformed) {

    public DeliveryPlan {
        sends = List.copyOf(sends);
        malformed = Map.copyOf(malformed);
    }

    public static DeliveryPlan of(List<CallStory> stories, Pacing pacing, FaultSettings faults, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        record Slot(long dueMs, long order) {
        }
        // The vendor's order: every call's callbacks as their actions happen, calls interleaved.
        List<Callback> all = new ArrayList<>();
        stories.forEach(story -> all.addAll(story.callbacks()));
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            positions.add(i);
        }
        positions.sort(Comparator.<Integer>comparingLong(i -> all.get(i).eventTime()).thenComparingInt(i -> i));
        Slot[] slots = new Slot[all.size()];
        for (int rank = 0; rank < positions.size(); rank++) {
            int i = positions.get(rank);
            slots[i] = new Slot(pacing.dueMs(all.get(i).eventTime()), 4L * rank);
        }

        // Reordering: a call's callbacks trade places (their time slots stay, who goes in which changes).
        int reordered = 0;
        int index = 0;
        for (CallStory story : stories) {
            int n = story.callbacks().size();
            if (n > 1 && random.nextDouble() < faults.reorder()) {
                reordered++;
                for (int k = n - 1; k > 0; k--) {
                    int j = random.nextInt(k + 1);
                    Slot tmp = slots[index + k];
                    slots[index + k] = slots[index + j];
                    slots[index + j] = tmp;
                }
            }
            index += n;
        }

        List<PlannedSend> sends = new ArrayList<>();
        int duplicates = 0;
        int delayed = 0;
        long maxDelayMs = faults.maxDelay().toMillis();
        for (int i = 0; i < all.size(); i++) {
            Callback c = all.get(i);
            CallbackRequest request = CallbackRequest.of(c);
            long due = slots[i].dueMs();
            if (random.nextDouble() < faults.delay()) {
                due += 1 + random.nextLong(Math.max(1, maxDelayMs));
                delayed++;
            }
            sends.add(new PlannedSend(due, slots[i].order(), PlannedSend.Kind.ORIGINAL, c, request, null));
            if (random.nextDouble() < faults.duplicate()) {
                long again = slots[i].dueMs() + random.nextLong(Math.max(1, maxDelayMs));
                if (random.nextDouble() < faults.delay()) {
                    again += 1 + random.nextLong(Math.max(1, maxDelayMs));
                    delayed++;
                }
                sends.add(new PlannedSend(again, slots[i].order() + 1, PlannedSend.Kind.DUPLICATE, c, request, null));
                duplicates++;
            }
        }

        // Malformed extras: one per chosen call, next to one of its callbacks.
        Map<MalformedKind, Integer> malformed = new EnumMap<>(MalformedKind.class);
        List<MalformedKind> kinds = faults.malformedKinds().stream().sorted().toList();
        index = 0;
        for (CallStory story : stories) {
            int n = story.callbacks().size();
            if (n > 0 && random.nextDouble() < faults.malformed()) {
                int pick = index + random.nextInt(n);
                MalformedKind kind = kinds.get(random.nextInt(kinds.size()));
                Callback source = all.get(pick);
                sends.add(new PlannedSend(slots[pick].dueMs(), slots[pick].order() + 2, PlannedSend.Kind.MALFORMED,
                        source, kind.corrupt(source), kind));
                malformed.merge(kind, 1, Integer::sum);
            }
            index += n;
        }
        sends.sort(Comparator.comparingLong(PlannedSend::dueMs).thenComparingLong(PlannedSend::order));
        return new DeliveryPlan(sends, duplicates, delayed, reordered, malformed);
    }
}
