package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.WindowGranularity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * R7, R8: where windows start and end, and which day a second is in. Expected values are written out as instants
 * (the emulator's oracle computes its windows in a package of its own, so it is not called here).
 */
class StatsZoneTest {

    private static final StatsZone NEW_YORK = StatsZone.of("America/New_York");

    private static long at(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    @Test
    void theDayClocksGoForwardHas23Hours() {
        LocalDate day = LocalDate.parse("2026-03-08");
        long start = NEW_YORK.dayStart(day);

        assertThat(start).isEqualTo(at("2026-03-08T05:00:00Z")); // midnight EST
        assertThat(NEW_YORK.windowEnd(start, WindowGranularity.day)).isEqualTo(at("2026-03-09T04:00:00Z")); // EDT
        assertThat(NEW_YORK.windowEnd(start, WindowGranularity.day) - start).isEqualTo(23 * 3600);
        assertThat(NEW_YORK.windowStart(at("2026-03-09T03:59:59Z"), WindowGranularity.day)).isEqualTo(start);
    }

    @Test
    void theDayClocksGoBackHas25HoursAndItsTwoOneOClockHoursAreWindowsOfTheirOwn() {
        LocalDate day = LocalDate.parse("2026-11-01");
        long start = NEW_YORK.dayStart(day);
        long firstOne = at("2026-11-01T05:00:00Z"); // 01:00 EDT
        long secondOne = at("2026-11-01T06:00:00Z"); // 01:00 EST

        assertThat(start).isEqualTo(at("2026-11-01T04:00:00Z"));
        assertThat(NEW_YORK.windowEnd(start, WindowGranularity.day) - start).isEqualTo(25 * 3600);
        assertThat(NEW_YORK.windowStart(firstOne + 1800, WindowGranularity.hour)).isEqualTo(firstOne);
        assertThat(NEW_YORK.windowStart(secondOne + 1800, WindowGranularity.hour)).isEqualTo(secondOne);
        assertThat(NEW_YORK.windowEnd(firstOne, WindowGranularity.hour)).isEqualTo(secondOne);
        assertThat(NEW_YORK.windowEnd(secondOne, WindowGranularity.hour)).isEqualTo(secondOne + 3600);
        assertThat(NEW_YORK.windowStart(firstOne, WindowGranularity.day)).isEqualTo(start);
        assertThat(NEW_YORK.windowStart(secondOne + 3599, WindowGranularity.day)).isEqualTo(start);
        assertThat(NEW_YORK.dayOf(firstOne)).isEqualTo(day);
        assertThat(NEW_YORK.dayOf(secondOne)).isEqualTo(day);
    }

    @Test
    void everyHourOfThe25HourDayIsAWindowOfItsOwn() {
        long start = NEW_YORK.dayStart(LocalDate.parse("2026-11-01"));
        long end = NEW_YORK.windowEnd(start, WindowGranularity.day);
        Set<Long> hours = new HashSet<>();
        for (long t = start; t < end; t += 60) {
            hours.add(NEW_YORK.windowStart(t, WindowGranularity.hour));
        }
        assertThat(hours).hasSize(25);
    }

    @Test
    void kolkataHoursStartAtHalfPastTheUtcHour() {
        StatsZone kolkata = StatsZone.of("Asia/Kolkata");

        assertThat(kolkata.windowStart(at("2026-11-01T10:29:59Z"), WindowGranularity.hour)).isEqualTo(at("2026-11-01T09:30:00Z"));
        assertThat(kolkata.windowStart(at("2026-11-01T10:30:00Z"), WindowGranularity.hour)).isEqualTo(at("2026-11-01T10:30:00Z"));
        assertThat(kolkata.windowEnd(at("2026-11-01T10:30:00Z"), WindowGranularity.hour)).isEqualTo(at("2026-11-01T11:30:00Z"));
        assertThat(kolkata.dayStart(LocalDate.parse("2026-11-01"))).isEqualTo(at("2026-10-31T18:30:00Z"));
        // minutes stay whole UTC minutes: +05:30 is a whole number of minutes
        assertThat(kolkata.windowStart(at("2026-11-01T10:29:59Z"), WindowGranularity.minute)).isEqualTo(at("2026-11-01T10:29:00Z"));
    }

    @Test
    void shanghaisDayStartsTheEveningBeforeInUtc() {
        StatsZone shanghai = StatsZone.of("Asia/Shanghai");
        LocalDate day = LocalDate.parse("2026-11-01");

        assertThat(shanghai.dayStart(day)).isEqualTo(at("2026-10-31T16:00:00Z"));
        assertThat(shanghai.windowEnd(shanghai.dayStart(day), WindowGranularity.day)).isEqualTo(at("2026-11-01T16:00:00Z"));
        assertThat(shanghai.dayOf(at("2026-10-31T15:59:59Z"))).isEqualTo(LocalDate.parse("2026-10-31"));
        assertThat(shanghai.dayOf(at("2026-10-31T16:00:00Z"))).isEqualTo(day);
        assertThat(shanghai.windowStart(at("2026-10-31T15:59:59Z"), WindowGranularity.day)).isEqualTo(at("2026-10-30T16:00:00Z"));
    }

    @Test
    void dayOfAtTheEdgesOfADay() {
        assertThat(StatsZone.UTC.dayOf(at("2026-11-22T23:59:59Z"))).isEqualTo(LocalDate.parse("2026-11-22"));
        assertThat(StatsZone.UTC.dayOf(at("2026-11-23T00:00:00Z"))).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(NEW_YORK.dayOf(at("2026-11-02T04:59:59Z"))).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(NEW_YORK.dayOf(at("2026-11-02T05:00:00Z"))).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(StatsZone.UTC.dayOf(-1)).isEqualTo(LocalDate.parse("1969-12-31"));
    }

    @Test
    void minuteWindowsAreWholeUtcMinutes() {
        assertThat(StatsZone.minuteStart(at("2026-11-01T05:59:59Z"))).isEqualTo(at("2026-11-01T05:59:00Z"));
        assertThat(NEW_YORK.windowStart(at("2026-11-01T06:00:00Z"), WindowGranularity.minute)).isEqualTo(at("2026-11-01T06:00:00Z"));
        assertThat(NEW_YORK.windowEnd(at("2026-11-01T06:00:00Z"), WindowGranularity.minute)).isEqualTo(at("2026-11-01T06:01:00Z"));
        assertThat(StatsZone.minuteStart(-1)).isEqualTo(-60);
    }

    /**
     * Tumbling windows: every second is in the window that windowStart names, that window's end is where the next
     * window starts, and an hour starts where the zone's clock, at the offset in force then, reads a whole hour.
     * Seconds are drawn at random and around the zones' clock changes.
     */
    @Test
    void windowsTileTheTimeLineInZonesWithDaylightSavingAndOddOffsets() {
        List<String> zones = List.of("UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Asia/Kathmandu",
                "Asia/Shanghai", "Australia/Adelaide", "America/Santiago", "America/St_Johns");
        Random random = new Random(1972);
        for (String id : zones) {
            StatsZone zone = StatsZone.of(id);
            ZoneId zoneId = ZoneId.of(id);
            for (int run = 0; run < 2_000; run++) {
                long second = at("2020-01-01T00:00:00Z") + (long) (random.nextDouble() * 10 * 365 * 86_400);
                ZoneOffsetTransition next = zoneId.getRules().nextTransition(Instant.ofEpochSecond(second));
                if (run % 2 == 0 && next != null) {
                    second = next.toEpochSecond() + random.nextInt(3 * 3600) - 3 * 3600 / 2;
                }
                for (WindowGranularity g : WindowGranularity.values()) {
                    long start = zone.windowStart(second, g);
                    long end = zone.windowEnd(start, g);
                    String context = id + " " + Instant.ofEpochSecond(second) + " " + g;
                    assertThat(start).as(context).isLessThanOrEqualTo(second);
                    assertThat(end).as(context).isGreaterThan(second);
                    assertThat(zone.windowStart(start, g)).as(context).isEqualTo(start);
                    assertThat(zone.windowStart(end - 1, g)).as(context).isEqualTo(start);
                    assertThat(zone.windowStart(end, g)).as(context).isEqualTo(end);
                }
                int offset = zoneId.getRules().getOffset(Instant.ofEpochSecond(second)).getTotalSeconds();
                assertThat(zone.windowStart(second, WindowGranularity.hour)).as("%s %d", id, second)
                        .isEqualTo(second - Math.floorMod(second + offset, 3600));
                assertThat(zone.windowStart(second, WindowGranularity.day)).as("%s %d", id, second)
                        .isEqualTo(zone.dayStart(zone.dayOf(second)));
            }
        }
    }

    /**
     * Lord Howe Island's clocks go back half an hour (02:00 +11:00 becomes 01:30 +10:30, at 15:00Z). The second after
     * the change truncates to the local hour 01:00, which resolves to 14:00Z: the hour [14:00Z, 15:30Z) takes the
     * repeated half hour in. Going forward half an hour (02:00 +10:30 becomes 02:30 +11:00, at 15:30Z in October),
     * the cut hour [15:30Z, 16:00Z) lasts 30 minutes. No second falls outside its own window either way.
     */
    @Test
    void lordHowesHalfHourClockChangesLeaveNoSecondOutsideItsHourWindow() {
        StatsZone lordHowe = StatsZone.of("Australia/Lord_Howe");
        long back = at("2023-04-01T15:00:00Z");
        assertThat(lordHowe.windowStart(back, WindowGranularity.hour)).isEqualTo(at("2023-04-01T14:00:00Z"));
        assertThat(lordHowe.windowEnd(at("2023-04-01T14:00:00Z"), WindowGranularity.hour)).isEqualTo(at("2023-04-01T15:30:00Z"));
        long forward = at("2023-09-30T15:30:00Z");
        assertThat(lordHowe.windowStart(forward, WindowGranularity.hour)).isEqualTo(forward);
        assertThat(lordHowe.windowEnd(forward, WindowGranularity.hour)).isEqualTo(at("2023-09-30T16:00:00Z"));
        for (long second = back - 7200; second < forward + 7200; second += second < back + 7200 ? 60 : 86_400) {
            long start = lordHowe.windowStart(second, WindowGranularity.hour);
            assertThat(start).isLessThanOrEqualTo(second);
            assertThat(lordHowe.windowEnd(start, WindowGranularity.hour)).as("%d", second).isGreaterThan(second);
        }
    }
}
