package io.callstream.topology.query.stats;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.DailyStats;
import io.callstream.topology.stats.DistinctUsers;
import java.util.List;
import java.util.Map;

/**
 * The days of a date range per scope (R8), and each scope's distinct participants over the whole range (not the sum
 * of its days). A day's additive figures (calls, results, talk time) are as they are now; its participants, maximum
 * concurrency and average talk time as last published, at most a publication interval (1 s) behind. Days with no call
 * are absent; a day has no sketch here.
 */
public record DayRange(Map<CallScope, List<DailyStats>> days, Map<CallScope, DistinctUsers.Count> participants) {
}
