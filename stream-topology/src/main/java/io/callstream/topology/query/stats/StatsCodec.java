package io.callstream.topology.query.stats;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.stats.DistinctUsers;
import io.callstream.topology.stats.OpenSpan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics' wire format between instances ({@link StatsInternalRoutes} ↔ {@link StreamsStatsQueries}): JSON,
 * with windows and days in their Avro single-object encoding so that they cross instances exactly.
 */
final class StatsCodec {

    private static final AvroSerde<ConcurrencyWindow> WINDOWS = CallstreamSerdes.concurrencyWindow();
    private static final AvroSerde<DailyStats> DAYS = CallstreamSerdes.dailyStats();

    private StatsCodec() {
    }

    static JsonArray encodeSpans(List<OpenSpan> spans) {
        JsonArray array = new JsonArray();
        spans.forEach(s -> array.add(s.encode()));
        return array;
    }

    static List<OpenSpan> decodeSpans(JsonArray array) {
        List<OpenSpan> spans = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            spans.add(OpenSpan.decode(array.getString(i)));
        }
        return spans;
    }

    static JsonArray encodeWindows(List<ConcurrencyWindow> windows) {
        JsonArray array = new JsonArray();
        windows.forEach(w -> array.add(Base64.getEncoder().encodeToString(WINDOWS.encode(w))));
        return array;
    }

    static List<ConcurrencyWindow> decodeWindows(JsonArray array) {
        List<ConcurrencyWindow> windows = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            windows.add(WINDOWS.decode(Base64.getDecoder().decode(array.getString(i))));
        }
        return windows;
    }

    static JsonObject encodePeaks(Map<CallScope, Peak> peaks) {
        JsonObject json = new JsonObject();
        peaks.forEach((scope, p) -> json.put(scope.name(), new JsonArray().add(p.maxConcurrent()).add(p.peakTs())));
        return json;
    }

    static Map<CallScope, Peak> decodePeaks(JsonObject json) {
        Map<CallScope, Peak> peaks = new EnumMap<>(CallScope.class);
        json.forEach(e -> {
            JsonArray p = (JsonArray) e.getValue();
            peaks.put(CallScope.valueOf(e.getKey()), new Peak(p.getInteger(0), p.getLong(1)));
        });
        return peaks;
    }

    static JsonObject encodeDays(DayRange range) {
        JsonObject json = new JsonObject();
        range.days().forEach((scope, days) -> {
            JsonArray array = new JsonArray();
            days.forEach(d -> array.add(Base64.getEncoder().encodeToString(DAYS.encode(d))));
            DistinctUsers.Count joined = range.participants().get(scope);
            json.put(scope.name(), new JsonObject().put("days", array).put("participants", joined.value())
                    .put("exact", joined.exact()));
        });
        return json;
    }

    static DayRange decodeDays(JsonObject json) {
        Map<CallScope, List<DailyStats>> days = new EnumMap<>(CallScope.class);
        Map<CallScope, DistinctUsers.Count> participants = new EnumMap<>(CallScope.class);
        json.forEach(e -> {
            JsonObject scope = (JsonObject) e.getValue();
            List<DailyStats> list = new ArrayList<>();
            scope.getJsonArray("days").forEach(d -> list.add(DAYS.decode(Base64.getDecoder().decode((String) d))));
            days.put(CallScope.valueOf(e.getKey()), list);
            participants.put(CallScope.valueOf(e.getKey()),
                    new DistinctUsers.Count(scope.getLong("participants"), scope.getBoolean("exact")));
        });
        return new DayRange(days, participants);
    }
}
