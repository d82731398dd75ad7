package io.callstream.emulator.run;

import io.callstream.emulator.call.CallStory;
import io.callstream.emulator.fault.MalformedKind;
import io.callstream.emulator.truth.GroundTruth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finished run: the calls, what was planned and sent, and the ground truth of what was acknowledged.
 *
 * @param truth computed from the callbacks acknowledged at least once (lost ones excluded)
 */
public record RunResult(long seed, List<CallStory> stories, DeliveryPlan plan, DispatchReport report, GroundTruth truth) {

    public RunResult {
        stories = List.copyOf(stories);
    }

    /** The figures of {@code summary.json}, in a stable order. */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sdkAppId", truth.sdkAppId());
        s.put("seed", seed);
        s.put("calls", stories.size());
        s.put("groupCalls", stories.stream().filter(CallStory::isGroup).count());
        s.put("callsLeftOpen", stories.stream().filter(CallStory::leftOpen).count());
        s.put("firstStartTs", stories.stream().mapToLong(CallStory::startTs).min().orElse(0));
        s.put("lastEventTs", stories.stream().flatMap(st -> st.callbacks().stream())
                .mapToLong(c -> c.eventTime()).max().orElse(0));
        s.put("callbacksGenerated", stories.stream().mapToInt(st -> st.callbacks().size()).sum());
        s.put("originalsSent", report.originalsSent());
        s.put("notSubscribed", report.notSubscribed());
        s.put("unconfigured", report.unconfigured());
        s.put("callbacksAcknowledged", report.acknowledged().size());
        s.put("callbacksLost", report.givenUp().size());
        Map<String, Object> faults = new LinkedHashMap<>();
        faults.put("duplicatesSent", report.duplicatesSent());
        faults.put("delayed", plan.delayed());
        faults.put("reorderedCalls", plan.reorderedCalls());
        Map<String, Object> malformed = new TreeMap<>();
        for (MalformedKind kind : MalformedKind.values()) {
            long sent = report.malformedSent().getOrDefault(kind, 0L);
            if (sent > 0) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("sent", sent);
                k.put("acknowledged", report.malformedAcked().getOrDefault(kind, 0L));
                k.put("refused", report.malformedRefused().getOrDefault(kind, 0L));
                k.put("expectedGatewayTreatment", kind.treatment().name());
                if (kind.deadLetterReason() != null) {
                    k.put("deadLetterReason", kind.deadLetterReason());
                }
                malformed.put(kind.name(), k);
            }
        }
        faults.put("malformed", malformed);
        s.put("faults", faults);
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("attempts", report.sender().attempts());
        sender.put("acked", report.sender().acked());
        sender.put("retried", report.sender().retried());
        sender.put("givenUp", report.sender().givenUp());
        sender.put("refusedSingleAttempts", report.sender().refused());
        s.put("sender", sender);
        s.put("records", truth.records().size());
        s.put("callsWithoutRecord", truth.unrecordedCalls());
        Map<String, Long> byResult = new TreeMap<>();
        truth.callsByResult().forEach((r, n) -> byResult.put(String.valueOf(r), n));
        s.put("recordsByResult", byResult);
        s.put("recordsClosedByTimeout", truth.records().stream()
                .filter(r -> r.getClosedBy() == io.callstream.schemas.ClosedBy.timeout).count());
        s.put("concurrencyWindows", truth.concurrency().size());
        s.put("days", truth.daily().size());
        s.put("zone", truth.zone());
        return s;
    }
}
