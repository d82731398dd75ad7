package io.callstream.emulator.run;

import io.callstream.emulator.call.Callback;
import io.callstream.emulator.delivery.DeliveryStats;
import io.callstream.emulator.fault.MalformedKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run's sending did.
 *
 * @param originalsSent      real callbacks sent (the app's actions selected them and it had a configuration)
 * @param duplicatesSent     duplicate requests sent
 * @param notSubscribed      callbacks skipped because the app's actions do not select their command
 * @param unconfigured       requests skipped because the app had no callback configuration at the time
 * @param malformedSent      malformed extras sent, by kind
 * @param malformedAcked     of those, answered {@code ErrorCode 0} (dead-lettered or stored as unknown by callstream)
 * @param malformedRefused   of those, answered with an error or not at all
 * @param acknowledged       the distinct callbacks acknowledged at least once (originals or duplicates)
 * @param givenUp            callbacks whose every attempt failed and that no duplicate got through either: lost
 * @param sender             the sender's counters (attempts include malformed extras and duplicates)
 */
public record DispatchReport(long originalsSent, long duplicatesSent, long notSubscribed, long unconfigured,
                             Map<MalformedKind, Long> malformedSent, Map<MalformedKind, Long> malformedAcked,
                             Map<MalformedKind, Long> malformedRefused, Set<Callback> acknowledged,
                             List<Callback> givenUp, DeliveryStats sender) {

    public DispatchReport {
        malformedSent = Map.copyOf(malformedSent);
        malformedAcked = Map.copyOf(malformedAcked);
        malformedRefused = Map.copyOf(malformedRefused);
        acknowledged = Set.copyOf(acknowledged);
        givenUp = List.copyOf(givenUp);
    }

    public long malformedSentTotal() {
        return malformedSent.values().stream().mapToLong(Long::longValue).sum();
    }
}
