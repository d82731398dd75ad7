package io.callstream.topology.query.stats;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.DailyStats;
import io.callstream.topology.stats.DistinctUsers;
import java.util.List;
import java.util.Map;

/**
 * The days of a date range per scope (R8), each as last published (without its sketch; days with no call are
 * absent), and each scope's distinct participants over the whole range (not the sum of its days).
 */
public record DayRange(Map<CallScope, List<DailyStats>> days, Map<CallScope, DistinctUsers.Count> participants) {
}
