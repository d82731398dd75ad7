package io.callstream.emulator.call;

/**
 * One user of the emulated app: the platform and address their client reports in every callback about them.
 *
 * @param clientIp what the vendor sends as {@code clientip}
 */
public record User(String userId, Platform platform, String clientIp) {
}
