package io.callstream.emulator.run;

import io.callstream.emulator.call.Callback;
import io.callstream.emulator.delivery.CallbackRequest;
import io.callstream.emulator.fault.MalformedKind;

/**
 * One request the run will make.
 *
 * @param dueMs     milliseconds after the start of sending
 * @param order     tie-break among requests due at the same time
 * @param source    the callback it is (or, for a malformed request, was derived from)
 * @param malformed the corruption, null for a real callback or a duplicate
 */
public record PlannedSend(long dueMs, long order, Kind kind, Callback source, CallbackRequest request,
                          MalformedKind malformed) {

    public enum Kind {
        /** The callback, as the vendor sends it: retried on failure. */
        ORIGINAL,
        /** The same callback sent once more (same body): retried on failure like the original. */
        DUPLICATE,
        /** A corrupt extra request: sent once, never retried. */
        MALFORMED
    }
}
