package io.callstream.emulator.call;

import java.util.SplittableRandom;

/**
 * How long things take in a call, in whole seconds: ringing is a few seconds, talk time is log-normal (most calls are
 * a minute or two, a few last long), unanswered invitations time out after 30 s as TUICallKit's default does.
 */
final class Durations {

    /** TUICallKit's default invitation timeout: an unanswered callee is reported {@code not_answer} after it. */
    static final int RING_TIMEOUT_SEC = 30;

    private static final double TALK_MEDIAN_SEC = 90;
    private static final double TALK_SIGMA = 1.0;
    private static final int TALK_MAX_SEC = 3600;

    private Durations() {
    }

    /** Until the callee answers (or rejects): 1 to 25 s, mostly 3 to 8. */
    static int ring(SplittableRandom random) {
        return (int) Math.min(25, 1 + Math.round(Math.exp(Math.log(5) + 0.6 * random.nextGaussian())));
    }

    /** Time connected: log-normal around 90 s, at least 2 s, at most an hour. */
    static int talk(SplittableRandom random) {
        long seconds = Math.round(Math.exp(Math.log(TALK_MEDIAN_SEC) + TALK_SIGMA * random.nextGaussian()));
        return (int) Math.max(2, Math.min(TALK_MAX_SEC, seconds));
    }

    /** A uniform whole number of seconds in [min, max]. */
    static int between(SplittableRandom random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
