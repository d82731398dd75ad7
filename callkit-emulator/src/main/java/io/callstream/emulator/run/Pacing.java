package io.callstream.emulator.run;

/**
 * When each callback is sent, from its EventTime: as fast as possible (simulated timelines: tests never wait for call
 * durations), in real time (live demos: a callback goes out when its action happens), or at {@code speed} times real
 * time.
 *
 * @param startEpochSecond the EventTime that maps to the start of sending
 * @param speed            0 for as fast as possible; 1 for real time; 60 plays a minute of calls per second
 */
public record Pacing(long startEpochSecond, double speed) {

    public Pacing {
        if (!(speed >= 0)) {
            throw new IllegalArgumentException("speed must be >= 0, got " + speed);
        }
    }

    public static Pacing asFastAsPossible() {
        return new Pacing(0, 0);
    }

    public static Pacing realTime(long startEpochSecond) {
        return new Pacing(startEpochSecond, 1);
    }

    /** Milliseconds after the start of sending at which a callback with this EventTime is due. */
    public long dueMs(long eventTime) {
        if (speed == 0) {
            return 0;
        }
        return Math.max(0, Math.round((eventTime - startEpochSecond) * 1000 / speed));
    }
}
