package io.callstream.emulator.call;

/**
 * One stretch of time a user was in a call, as the story intends it: from {@code joinTs} (inclusive) to
 * {@code leaveTs} (exclusive), Unix seconds; {@code leaveTs} is null when the user never left (a call left open).
 */
public record Presence(String userId, long joinTs, Long leaveTs) {
}
