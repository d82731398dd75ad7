package io.callstream.emulator.fault;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which faults to inject, each by probability in [0, 1]. All draws come from the run's seed, so the same settings
 * inject the same faults into the same callbacks.
 *
 * @param duplicate  per callback: also send it a second time, a little later (the same body)
 * @param reorder    per call: shuffle the order its callbacks are sent in
 * @param delay      per callback (and per duplicate): send it up to {@code maxDelay} later than planned
 * @param maxDelay   the longest injected delay; keep it under the receiver's settle delay (3 s) if the test expects
 *                   exactly one emission per call
 * @param malformed  per call: also send one corrupt request derived from one of its callbacks
 * @param malformedKinds which corruptions to pick from (uniformly)
 */
public record FaultSettings(double duplicate, double reorder, double delay, Duration maxDelay, double malformed,
                            Set<MalformedKind> malformedKinds) {

    public FaultSettings {
        requireProbability("duplicate", duplicate);
        requireProbability("reorder", reorder);
        requireProbability("delay", delay);
        requireProbability("malformed", malformed);
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative, got " + maxDelay);
        }
        malformedKinds = malformedKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(malformedKinds));
        if (malformed > 0 && malformedKinds.isEmpty()) {
            throw new IllegalArgumentException("malformed > 0 needs at least one malformed kind");
        }
    }

    /** No fault at all. */
    public static FaultSettings none() {
        return new FaultSettings(0, 0, 0, Duration.ofSeconds(1), 0, EnumSet.allOf(MalformedKind.class));
    }

    public FaultSettings withDuplicate(double p) {
        return new FaultSettings(p, reorder, delay, maxDelay, malformed, malformedKinds);
    }

    public FaultSettings withReorder(double p) {
        return new FaultSettings(duplicate, p, delay, maxDelay, malformed, malformedKinds);
    }

    public FaultSettings withDelay(double p, Duration max) {
        return new FaultSettings(duplicate, reorder, p, max, malformed, malformedKinds);
    }

    public FaultSettings withMalformed(double p) {
        return new FaultSettings(duplicate, reorder, delay, maxDelay, p, malformedKinds);
    }

    public FaultSettings withMalformedKinds(Set<MalformedKind> kinds) {
        return new FaultSettings(duplicate, reorder, delay, maxDelay, malformed, kinds);
    }

    private static void requireProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
        }
    }
}
