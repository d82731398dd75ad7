package io.callstream.topology.stats;

import io.callstream.schemas.WindowGranularity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The zone that statistics' days and hours are taken in (R7, R8): where a tumbling window starts and ends, and which
 * day a call belongs to. Minutes are whole UTC minutes, which are the zone's minutes too for every zone whose offset is
 * a whole number of minutes (all of them since 1972). Hours and days follow the zone's clock, so a day has 23 or 25
 * hours across a daylight-saving change; windows of each granularity tile the time-line.
 */
public record StatsZone(ZoneId zone) {

    public static final StatsZone UTC = new StatsZone(ZoneId.of("UTC"));

    public StatsZone {
        Objects.requireNonNull(zone, "zone");
    }

    public static StatsZone of(String zoneId) {
        return new StatsZone(ZoneId.of(zoneId));
    }

    public String id() {
        return zone.getId();
    }

    /** The day (in this zone) that a second falls in. */
    public LocalDate dayOf(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate();
    }

    /** The first second of a day in this zone. */
    public long dayStart(LocalDate day) {
        return day.atStartOfDay(zone).toEpochSecond();
    }

    public static long minuteStart(long epochSecond) {
        return Math.floorDiv(epochSecond, 60) * 60;
    }

    /** The start of the window of this granularity that holds the second. */
    public long windowStart(long epochSecond, WindowGranularity granularity) {
        if (granularity == WindowGranularity.minute) {
            return minuteStart(epochSecond);
        }
        ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(zone);
        ZonedDateTime start = granularity == WindowGranularity.hour ? t.truncatedTo(ChronoUnit.HOURS)
                : t.toLocalDate().atStartOfDay(zone);
        return start.toEpochSecond();
    }

    /**
     * An hour window lasts until the next second whose hour starts elsewhere: 3600 s, and when clocks go back a whole
     * hour the repeated hour is a window of its own; where they go back half an hour (Lord Howe), the hour before the
     * change takes the repeated half hour in, and where they go forward half an hour, the cut hour is 30 minutes.
     * Offsets change at half-hour steps, so the end is found at one.
     */
    private long hourEnd(long hourStart) {
        long end = hourStart + 1800;
        while (windowStart(end, WindowGranularity.hour) == hourStart) {
            end += 1800;
        }
        return end;
    }

    /** The end (exclusive) of the window that starts at {@code windowStart}. */
    public long windowEnd(long windowStart, WindowGranularity granularity) {
        return switch (granularity) {
            case minute -> windowStart + 60;
            case hour -> hourEnd(windowStart);
            case day -> dayStart(dayOf(windowStart).plusDays(1));
        };
    }
}
