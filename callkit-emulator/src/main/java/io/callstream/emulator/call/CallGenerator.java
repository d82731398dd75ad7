package io.callstream.emulator.call;

import io.callstream.schemas.CallResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Makes calls, one after another on a timeline starting at {@link GeneratorSettings#startEpochSecond()}: Poisson
 * arrivals at {@link GeneratorSettings#callsPerSecond()}, each a 1v1 or group call with its whole story.
 *
 * <p>Deterministic: the population, the arrivals and each call draw from their own stream split off one seeded root,
 * so the n-th call is the same whatever is done with the calls before it. Not thread-safe.
 */
public final class CallGenerator {

    private final GeneratorSettings settings;
    private final UserPopulation population;
    private final SplittableRandom arrivals;
    private final SplittableRandom calls;
    private final CallResult[] resultTable;
    private double clock;

    public CallGenerator(GeneratorSettings settings) {
        this.settings = settings;
        SplittableRandom root = new SplittableRandom(settings.seed());
        this.population = new UserPopulation(settings.users(), root.split());
        this.arrivals = root.split();
        this.calls = root.split();
        this.resultTable = resultTable(settings.oneToOneResults());
        this.clock = settings.startEpochSecond();
    }

    /** The next call, starting at or after the previous one. */
    public CallStory next() {
        // Exponential inter-arrival times: calls arrive as a Poisson process at the configured rate.
        clock += -Math.log(1 - arrivals.nextDouble()) / settings.callsPerSecond();
        long t0 = (long) Math.floor(clock);
        SplittableRandom random = calls.split();
        String callId = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
        String mediaType = random.nextDouble() < settings.videoShare() ? "video" : "audio";
        String roomId = random.nextBoolean() ? Integer.toString(100_000 + random.nextInt(900_000_000))
                : "room-" + Long.toHexString(random.nextLong() & 0xFFFFFFFFL);
        User caller = population.get(random.nextInt(population.size()));
        if (random.nextDouble() < settings.groupShare()) {
            int invitees = 2 + random.nextInt(settings.maxGroupInvitees() - 1);
            List<User> picked = population.pickDistinct(invitees + 2, List.of(caller), random);
            boolean unanswered = random.nextDouble() < settings.groupUnansweredShare();
            return GroupScript.write(settings.sdkAppId(), callId, roomId, mediaType, caller,
                    picked.subList(0, invitees), picked.subList(invitees, picked.size()), t0, unanswered, random);
        }
        User callee = population.pickDistinct(1, List.of(caller), random).get(0);
        CallResult result = random.nextDouble() < settings.openShare() ? null : resultTable[random.nextInt(resultTable.length)];
        return OneToOneScript.write(settings.sdkAppId(), callId, roomId, mediaType, caller, callee, t0, result, random);
    }

    /** The next {@code count} calls. */
    public List<CallStory> generate(int count) {
        List<CallStory> stories = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            stories.add(next());
        }
        return stories;
    }

    /** The calls that start within {@code span} of the generator's start (the first call after it is discarded). */
    public List<CallStory> generateFor(Duration span) {
        long until = settings.startEpochSecond() + span.toSeconds();
        List<CallStory> stories = new ArrayList<>();
        for (CallStory story = next(); story.startTs() < until; story = next()) {
            stories.add(story);
        }
        return stories;
    }

    /** One slot per unit of weight, in a fixed order, so a uniform draw picks a result by its weight. */
    private static CallResult[] resultTable(Map<CallResult, Integer> weights) {
        List<CallResult> table = new ArrayList<>();
        new TreeMap<>(weights).forEach((result, weight) -> {
            for (int i = 0; i < weight; i++) {
                table.add(result);
            }
        });
        return table.toArray(CallResult[]::new);
    }
}
