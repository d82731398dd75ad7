package io.callstream.emulator.delivery;

/**
 * What a sender did so far.
 *
 * @param attempts requests made (first attempts and retries)
 * @param acked    deliveries acknowledged ({@code ErrorCode 0})
 * @param retried  retries made after a failure
 * @param givenUp  deliveries that failed every attempt of the schedule: lost, unless the receiver kept them anyway
 * @param refused  single-attempt deliveries (no retry wanted) that were not acknowledged
 */
public record DeliveryStats(long attempts, long acked, long retried, long givenUp, long refused) {
}
