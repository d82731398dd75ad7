package io.callstream.emulator.run;

import io.callstream.emulator.call.GeneratorSettings;
import io.callstream.emulator.delivery.SenderSettings;
import io.callstream.emulator.fault.FaultSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One emulator run: which calls, how fast their callbacks go out, how they are sent, which faults.
 *
 * @param calls          how many calls to generate; ignored when {@code span} is set
 * @param span           generate the calls that start within this much of the timeline instead; null to use calls
 * @param realTime       true: the timeline starts now and each callback is sent when its action happens (live
 *                       demos); false: the timeline starts at the generator's fixed start and callbacks are sent at
 *                       {@code speed} (0: as fast as possible, for tests)
 * @param speed          with realTime false, how fast to play the simulated timeline (0 = no waiting at all)
 * @param maxOutstanding deliveries under way at once at most (see {@link CallbackDispatcher})
 * @param zone           zone of the R7/R8 day windows in the ground truth
 */
public record RunSettings(GeneratorSettings generator, int calls, Duration span, boolean realTime, double speed,
                          SenderSettings sender, FaultSettings faults, int maxOutstanding, ZoneId zone) {

    /** 100 calls of the default mix, as fast as possible, no faults, the vendor's retries, days in UTC. */
    public static RunSettings defaults() {
        return new RunSettings(GeneratorSettings.defaults(), 100, null, false, 0, SenderSettings.defaults(),
                FaultSettings.none(), 1024, ZoneOffset.UTC);
    }

    public RunSettings withGenerator(GeneratorSettings value) {
        return new RunSettings(value, calls, span, realTime, speed, sender, faults, maxOutstanding, zone);
    }

    public RunSettings withCalls(int value) {
        return new RunSettings(generator, value, null, realTime, speed, sender, faults, maxOutstanding, zone);
    }

    public RunSettings withSpan(Duration value) {
        return new RunSettings(generator, calls, value, realTime, speed, sender, faults, maxOutstanding, zone);
    }

    public RunSettings withRealTime(boolean value) {
        return new RunSettings(generator, calls, span, value, speed, sender, faults, maxOutstanding, zone);
    }

    public RunSettings withSpeed(double value) {
        return new RunSettings(generator, calls, span, realTime, value, sender, faults, maxOutstanding, zone);
    }

    public RunSettings withSender(SenderSettings value) {
        return new RunSettings(generator, calls, span, realTime, speed, value, faults, maxOutstanding, zone);
    }

    public RunSettings withFaults(FaultSettings value) {
        return new RunSettings(generator, calls, span, realTime, speed, sender, value, maxOutstanding, zone);
    }

    public RunSettings withZone(ZoneId value) {
        return new RunSettings(generator, calls, span, realTime, speed, sender, faults, maxOutstanding, value);
    }
}
