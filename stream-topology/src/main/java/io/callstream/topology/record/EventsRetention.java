package io.callstream.topology.record;

import java.time.Duration;

/**
 * What {@code callkit.events} keeps, as read from it when the application starts.
 *
 * @param kept     its {@code retention.ms}: the event log forgets events this old too ({@link EventLogStore})
 * @param reliable whether every event is kept that long, so that a call's facts may be read from its events until
 *                 then: not for a compacted topic, one that also forgets by size, configs that cannot be read, or
 *                 when {@code CALLSTREAM_LOG_ALL_FACTS} asks for every fact to be logged
 */
public record EventsRetention(Duration kept, boolean reliable) {

    /** Kept forever, as {@code retention.ms=-1} says. */
    public static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    /** The same topic, with every fact logged whatever it keeps. */
    public EventsRetention unreliable() {
        return new EventsRetention(kept, false);
    }
}
