package io.callstream.topology.record;

import io.callstream.schemas.CallRecord;

/**
 * A call's record as just emitted ({@code next}) and the one it replaces ({@code previous}, null for a call's first
 * record): what the statistics need to take the old figures out and put the new ones in.
 */
public record RecordRevision(CallRecord previous, CallRecord next) {
}
