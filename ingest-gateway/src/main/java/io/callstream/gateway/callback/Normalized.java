package io.callstream.gateway.callback;

import io.callstream.schemas.CallEvent;

/** What a callback body normalizes to: an event to store, or the reason it goes to the dead-letter topic. */
public sealed interface Normalized {

    /** A well-formed callback. */
    record Accepted(CallEvent event) implements Normalized {
    }

    /**
     * A callback we cannot model. It is still stored, verbatim, in the dead-letter topic.
     *
     * @param category a short, bounded name for metrics ({@code invalid_json}, {@code missing_call_id}, ...)
     * @param reason   a message for people, naming the field and what was wrong
     * @param callId   the CallId when it could be read, so the dead letter can be keyed by call
     */
    record Malformed(String category, String reason, String callId) implements Normalized {
    }
}
