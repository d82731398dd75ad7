package io.callstream.topology.query.stats;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.stats.OpenSpan;
import io.callstream.topology.stats.OpenSpanCounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A statistics query for the instance that holds an app's statistics, as JSON, and its answer: the same whether the
 * asking instance is that one or another ({@link StatsInternalRoutes}). The open calls' spans travel with the request,
 * so the holder adds them to its own counts.
 */
final class StatsRequests {

    private StatsRequests() {
    }

    static JsonObject windows(long app, CallScope scope, WindowGranularity granularity, long from, long to) {
        return new JsonObject().put("op", "windows").put("sdkAppId", app).put("scope", scope.name())
                .put("granularity", granularity.name()).put("from", from).put("to", to);
    }

    static JsonObject peaks(long app, long from, long to) {
        return new JsonObject().put("op", "peaks").put("sdkAppId", app).put("from", from).put("to", to);
    }

    static JsonObject days(long app, LocalDate from, LocalDate to) {
        return new JsonObject().put("op", "days").put("sdkAppId", app).put("fromDay", from.toString())
                .put("toDay", to.toString());
    }

    /** Adds the open calls' spans, counted up to {@code now} and from {@code oldest} at the earliest. */
    static JsonObject withOpen(JsonObject request, JsonArray spans, long now, long oldest) {
        return request.copy().put("spans", spans).put("now", now).put("oldest", oldest);
    }

    /** Calls in progress now per scope, from the open calls' spans. */
    static Map<CallScope, Integer> live(List<OpenSpan> spans, long now, long oldest) {
        OpenSpanCounts open = new OpenSpanCounts(spans, now, oldest);
        Map<CallScope, Integer> live = new EnumMap<>(CallScope.class);
        for (CallScope scope : CallScope.values()) {
            live.put(scope, open.live(scope));
        }
        return live;
    }

    static JsonObject answer(LocalStats local, JsonObject request) {
        long app = request.getLong("sdkAppId");
        OpenSpanCounts open = request.containsKey("spans") ? new OpenSpanCounts(
                StatsCodec.decodeSpans(request.getJsonArray("spans")), request.getLong("now"), request.getLong("oldest")) : null;
        return switch (request.getString("op")) {
            case "windows" -> {
                CallScope scope = CallScope.valueOf(request.getString("scope"));
                WindowGranularity granularity = WindowGranularity.valueOf(request.getString("granularity"));
                long from = request.getLong("from");
                long to = request.getLong("to");
                yield new JsonObject().put("windows", StatsCodec.encodeWindows(open == null
                        ? local.windows(app, scope, granularity, from, to)
                        : local.windows(app, scope, granularity, from, to, open)));
            }
            case "peaks" -> {
                Map<CallScope, Peak> peaks = new EnumMap<>(CallScope.class);
                for (CallScope scope : CallScope.values()) {
                    long to = open == null ? request.getLong("to") : Math.min(request.getLong("to"), open.now());
                    peaks.put(scope, local.peak(app, scope, request.getLong("from"), to, open));
                }
                yield StatsCodec.encodePeaks(peaks);
            }
            case "days" -> StatsCodec.encodeDays(local.days(app, LocalDate.parse(request.getString("fromDay")),
                    LocalDate.parse(request.getString("toDay"))));
            default -> throw new IllegalArgumentException("unknown statistics query " + request.getString("op"));
        };
    }
}
