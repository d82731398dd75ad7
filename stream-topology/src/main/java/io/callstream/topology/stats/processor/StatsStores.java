package io.callstream.topology.stats.processor;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.SortableKeys;
import java.time.LocalDate;

/**
 * The statistics' stores and their keys. All but {@link #DAY_USERS} lead with the app, so that a query reads one
 * app's range, and then the time, so that the range is in time order:
 * <ul>
 *   <li>{@value #SECOND_COUNTS}: {@code <app>|<scope>|<minute start, 19 digits>} → {@code SecondCounts}: calls in
 *       progress at each second of the minute, the ground truth that every window is derived from;</li>
 *   <li>{@value #WINDOWS}: {@code <app>|<scope>|<granularity>|<window start, 19 digits>} → the {@code ConcurrencyWindow}
 *       last published (windows with no call in progress are absent);</li>
 *   <li>{@value #DAILY}: {@code <app>|<scope>|<yyyy-MM-dd>} → the day's {@code DailyStats}, without its sketch: the
 *       additive figures kept up to date, the rest as last published;</li>
 *   <li>{@value #DAY_SKETCHES}: same key → the day's participants as a theta sketch ({@code DistinctUsers});</li>
 *   <li>{@value #DAY_USERS}: {@code <yyyy-MM-dd>|<app>|<user>} → {@code UserCalls}, in which types of call the user
 *       joined that day: written when first seen, kept until a day after the day ends (day first: dropped by day);</li>
 *   <li>{@value #PENDING}: {@code <kind>|<key>} → when marked: what the next publication must recompute.</li>
 * </ul>
 */
public final class StatsStores {

    public static final String SECOND_COUNTS = "stats-second-counts";
    public static final String WINDOWS = "stats-windows";
    public static final String DAILY = "stats-daily";
    public static final String DAY_SKETCHES = "stats-day-sketches";
    public static final String DAY_USERS = "stats-day-users";
    public static final String PENDING = "stats-pending";

    private StatsStores() {
    }

    public static String scopePrefix(long app, CallScope scope) {
        return app + "|" + scope.name() + "|";
    }

    public static String countsKey(long app, CallScope scope, long minuteStart) {
        return scopePrefix(app, scope) + SortableKeys.padded(minuteStart);
    }

    public static String windowPrefix(long app, CallScope scope, WindowGranularity granularity) {
        return scopePrefix(app, scope) + granularity.name() + "|";
    }

    public static String windowKey(long app, CallScope scope, WindowGranularity granularity, long start) {
        return windowPrefix(app, scope, granularity) + SortableKeys.padded(start);
    }

    public static String dayKey(long app, CallScope scope, LocalDate day) {
        return scopePrefix(app, scope) + day;
    }

    public static String dayUserPrefix(LocalDate day, long app) {
        return day + "|" + app + "|";
    }

    public static String dayUserKey(LocalDate day, long app, String user) {
        return dayUserPrefix(day, app) + user;
    }

    /** The key of a window on {@code callkit.concurrency}: {@code <sdkAppId>/<scope>/<granularity>/<windowStartTs>}. */
    public static String windowTopicKey(long app, CallScope scope, WindowGranularity granularity, long start) {
        return app + "/" + scope.name() + "/" + granularity.name() + "/" + start;
    }

    /** The key of a day on {@code callkit.daily-stats}: {@code <sdkAppId>/<scope>/<day>}. */
    public static String dayTopicKey(long app, CallScope scope, LocalDate day) {
        return app + "/" + scope.name() + "/" + day;
    }

    /** Parsed {@code <app>|<scope>|<rest>}. */
    record ScopedKey(long app, CallScope scope, String rest) {

        static ScopedKey parse(String key) {
            int a = key.indexOf('|');
            int b = key.indexOf('|', a + 1);
            return new ScopedKey(Long.parseLong(key.substring(0, a)), CallScope.valueOf(key.substring(a + 1, b)),
                    key.substring(b + 1));
        }
    }
}
