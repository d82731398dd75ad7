package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.topology.query.stats.Peak;
import io.callstream.topology.stats.DistinctUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The statistics' JSON (docs/analyst-api.md): windows, peaks, days and their totals. */
final class StatsJson {

    private StatsJson() {
    }

    static JsonObject window(ConcurrencyWindow w) {
        return new JsonObject().put("windowStartTs", w.getWindowStartTs()).put("windowEndTs", w.getWindowEndTs())
                .put("maxConcurrent", w.getMaxConcurrent()).put("peakTs", w.getPeakTs());
    }

    static JsonArray windows(List<ConcurrencyWindow> windows) {
        JsonArray array = new JsonArray();
        windows.forEach(w -> array.add(window(w)));
        return array;
    }

    static JsonObject peak(Peak p) {
        return new JsonObject().put("maxConcurrent", p.maxConcurrent()).put("peakTs", p.peakTs());
    }

    /** Per scope, and the vendor console's overview figure max(single, group), labelled as what it is. */
    static JsonObject peaks(Map<CallScope, Peak> peaks) {
        JsonObject json = new JsonObject();
        for (CallScope scope : CallScope.values()) {
            json.put(scope.name(), peak(peaks.get(scope)));
        }
        return json.put(StatsParams.OVERVIEW, Math.max(peaks.get(CallScope.single).maxConcurrent(),
                peaks.get(CallScope.group).maxConcurrent()));
    }

    static JsonObject day(DailyStats d) {
        return new JsonObject().put("day", d.getDay()).put("calls", d.getCalls()).put("connectedCalls", d.getConnectedCalls())
                .put("callsByResult", new JsonObject(new TreeMap<>(d.getCallsByResult())))
                .put("participants", d.getParticipants()).put("participantsExact", d.getParticipantsExact())
                .put("maxConcurrent", d.getMaxConcurrent()).put("totalTalkSec", d.getTotalTalkSec())
                .put("avgTalkSec", d.getAvgTalkSec());
    }

    /** A range's totals: sums, the distinct participants over the range, and the largest day's maximum. */
    static JsonObject totals(List<DailyStats> days, DistinctUsers.Count participants) {
        long calls = 0;
        long connected = 0;
        long talk = 0;
        int max = 0;
        Map<String, Object> byResult = new TreeMap<>();
        for (DailyStats d : days) {
            calls += d.getCalls();
            connected += d.getConnectedCalls();
            talk += d.getTotalTalkSec();
            max = Math.max(max, d.getMaxConcurrent());
            d.getCallsByResult().forEach((result, n) -> byResult.merge(result, n, (a, b) -> (Long) a + (Long) b));
        }
        return new JsonObject().put("calls", calls).put("connectedCalls", connected)
                .put("callsByResult", new JsonObject(byResult)).put("participants", participants.value())
                .put("participantsExact", participants.exact()).put("maxConcurrent", max).put("totalTalkSec", talk)
                .put("avgTalkSec", connected == 0 ? 0.0 : (double) talk / connected);
    }
}
