package io.callstream.emulator.call;

import io.callstream.schemas.CallResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What calls the generator makes. Everything is drawn from {@link #seed}: the same settings give the same calls,
 * callbacks and call ids, byte for byte.
 *
 * @param sdkAppId          the app the calls belong to
 * @param seed              the seed of every random choice
 * @param users             size of the user population
 * @param callsPerSecond    mean arrival rate of calls (Poisson arrivals) on the call timeline
 * @param startEpochSecond  when the first call may start, Unix seconds: a fixed instant for tests, now for live runs
 * @param groupShare        share of calls that are group calls, in [0, 1]
 * @param videoShare        share of calls that are video calls, the rest audio
 * @param openShare         share of 1v1 calls left open (accepted, never ended: the receiver closes them by its idle
 *                          timeout); 0 by default
 * @param groupUnansweredShare share of group calls nobody answers (they end as cancel or not_answer)
 * @param maxGroupInvitees  most people a group call's caller invites at the start (at least 2 are invited)
 * @param oneToOneResults   relative weights of the results of 1v1 calls that end (R5: the six plus failed)
 */
public record GeneratorSettings(long sdkAppId, long seed, int users, double callsPerSecond, long startEpochSecond,
                                double groupShare, double videoShare, double openShare, double groupUnansweredShare,
                                int maxGroupInvitees, Map<CallResult, Integer> oneToOneResults) {

    public static final long DEFAULT_SDK_APP_ID = 1400000001L;
    /** 2026-01-01T00:00:00Z: a fixed start so that simulated timelines are reproducible. */
    public static final long DEFAULT_START_EPOCH_SECOND = 1_767_225_600L;

    public GeneratorSettings {
        Objects.requireNonNull(oneToOneResults, "oneToOneResults");
        if (sdkAppId <= 0) {
            throw new IllegalArgumentException("sdkAppId must be positive, got " + sdkAppId);
        }
        if (users < 2 + maxGroupInvitees + 2) {
            throw new IllegalArgumentException("users must be at least maxGroupInvitees + 4, got " + users);
        }
        if (!(callsPerSecond > 0)) {
            throw new IllegalArgumentException("callsPerSecond must be positive, got " + callsPerSecond);
        }
        if (maxGroupInvitees < 2) {
            throw new IllegalArgumentException("maxGroupInvitees must be at least 2, got " + maxGroupInvitees);
        }
        requireShare("groupShare", groupShare);
        requireShare("videoShare", videoShare);
        requireShare("openShare", openShare);
        requireShare("groupUnansweredShare", groupUnansweredShare);
        oneToOneResults = Map.copyOf(oneToOneResults);
        if (oneToOneResults.containsKey(CallResult.unknown)) {
            throw new IllegalArgumentException("unknown is not a result a call can be generated with (use openShare)");
        }
        if (oneToOneResults.values().stream().anyMatch(w -> w < 0)
                || oneToOneResults.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("result weights must be >= 0 with a positive sum: " + oneToOneResults);
        }
    }

    /** A typical mix: 1,000 users, 5 calls/s, 20% group calls, every 1v1 result, nothing left open. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(DEFAULT_SDK_APP_ID, 1L, 1000, 5.0, DEFAULT_START_EPOCH_SECOND, 0.2, 0.4, 0.0, 0.15,
                6, defaultResultWeights());
    }

    /** normal_end 55, not_answer 10, cancel 10, reject 8, interrupt 7, call_busy 5, failed 5. */
    public static Map<CallResult, Integer> defaultResultWeights() {
        Map<CallResult, Integer> weights = new EnumMap<>(CallResult.class);
        weights.put(CallResult.normal_end, 55);
        weights.put(CallResult.not_answer, 10);
        weights.put(CallResult.cancel, 10);
        weights.put(CallResult.reject, 8);
        weights.put(CallResult.interrupt, 7);
        weights.put(CallResult.call_busy, 5);
        weights.put(CallResult.failed, 5);
        return weights;
    }

    public GeneratorSettings withSdkAppId(long value) {
        return new GeneratorSettings(value, seed, users, callsPerSecond, startEpochSecond, groupShare, videoShare,
                openShare, groupUnansweredShare, maxGroupInvitees, oneToOneResults);
    }

    public GeneratorSettings withSeed(long value) {
        return new GeneratorSettings(sdkAppId, value, users, callsPerSecond, startEpochSecond, groupShare, videoShare,
                openShare, groupUnansweredShare, maxGroupInvitees, oneToOneResults);
    }

    public GeneratorSettings withUsers(int value) {
        return new GeneratorSettings(sdkAppId, seed, value, callsPerSecond, startEpochSecond, groupShare, videoShare,
                openShare, groupUnansweredShare, maxGroupInvitees, oneToOneResults);
    }

    public GeneratorSettings withCallsPerSecond(double value) {
        return new GeneratorSettings(sdkAppId, seed, users, value, startEpochSecond, groupShare, videoShare,
                openShare, groupUnansweredShare, maxGroupInvitees, oneToOneResults);
    }

    public GeneratorSettings withStartEpochSecond(long value) {
        return new GeneratorSettings(sdkAppId, seed, users, callsPerSecond, value, groupShare, videoShare,
                openShare, groupUnansweredShare, maxGroupInvitees, oneToOneResults);
    }

    public GeneratorSettings withGroupShare(double value) {
        return new GeneratorSettings(sdkAppId, seed, users, callsPerSecond, startEpochSecond, value, videoShare,
                openShare, groupUnansweredShare, maxGroupInvitees, oneToOneResults);
    }

    public GeneratorSettings withVideoShare(double value) {
        return new GeneratorSettings(sdkAppId, seed, users, callsPerSecond, startEpochSecond, groupShare, value,
                openShare, groupUnansweredShare, maxGroupInvitees, oneToOneResults);
    }

    public GeneratorSettings withOpenShare(double value) {
        return new GeneratorSettings(sdkAppId, seed, users, callsPerSecond, startEpochSecond, groupShare, videoShare,
                value, groupUnansweredShare, maxGroupInvitees, oneToOneResults);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
