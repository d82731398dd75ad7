package io.callstream.topology.query;

import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.Participant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Plausible call records from a seed: both call types and media, every result, callers and callees from a small set
 * of users (so that user filters match several records), participants with platforms and durations, and start times
 * on whole minutes, so that many records share a start second and the call-id tie-break matters.
 */
public final class GeneratedRecords {

    public static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi");
    private static final List<String> PLATFORMS = List.of("iOS", "Android", "Web", "miniProgram");
    private static final Set<CallResult> CONNECTED = EnumSet.of(CallResult.normal_end, CallResult.interrupt);

    static {
        CallstreamSerdes.trustGeneratedClasses(); // tests copy records (CallRecord.newBuilder(other))
    }

    private final long sdkAppId;
    private final Random random;
    private final List<String> users;

    public GeneratedRecords(long sdkAppId, long seed) {
        this(sdkAppId, seed, USERS);
    }

    /** @param users who calls whom; the benchmark uses many, so that each user has a realistic number of calls */
    public GeneratedRecords(long sdkAppId, long seed, List<String> users) {
        this.sdkAppId = sdkAppId;
        this.random = new Random(seed);
        this.users = List.copyOf(users);
    }

    /** {@code count} finished records starting within [fromTs, fromTs + spanSeconds). */
    public List<CallRecord> finished(int count, long fromTs, long spanSeconds) {
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(finished(fromTs + random.nextInt((int) Math.max(1, spanSeconds / 60)) * 60L));
        }
        return records;
    }

    public CallRecord finished(long startTs) {
        boolean group = random.nextInt(10) < 3;
        CallResult result = CallResult.values()[random.nextInt(CallResult.values().length)];
        if (group && result != CallResult.unknown) {
            result = CallResult.normal_end; // R5.4: group calls report normal_end
        }
        boolean connected = CONNECTED.contains(result);
        String caller = user();
        List<String> callees = callees(caller, group ? 2 + random.nextInt(3) : 1);
        long acceptTs = connected ? startTs + 1 + random.nextInt(20) : 0;
        long endTs = startTs + 30 + random.nextInt(600);
        List<Participant> participants = new ArrayList<>();
        if (connected) {
            participants.add(participant(caller, acceptTs, endTs));
            for (String callee : callees) {
                if (participants.size() == 1 || random.nextBoolean()) {
                    participants.add(participant(callee, acceptTs + random.nextInt(5), endTs - random.nextInt(5)));
                }
            }
        }
        return CallRecord.newBuilder()
                .setSdkAppId(sdkAppId)
                .setCallId(new UUID(random.nextLong(), random.nextLong()).toString())
                .setMediaType(random.nextBoolean() ? "audio" : "video")
                .setRoomId(Integer.toString(10_000 + random.nextInt(90_000)))
                .setCallType(group ? "group" : "single")
                .setCaller(caller)
                .setCallees(callees)
                .setParticipants(participants)
                .setTotalUserNumber(1 + callees.size())
                .setStartCallTs(startTs)
                .setAcceptTs(acceptTs)
                .setEndTs(endTs)
                .setDurationSec(connected ? endTs - acceptTs : 0)
                .setCallResult(result)
                .setPeakParticipants(group ? participants.size() : null)
                .setClosedBy(result == CallResult.unknown ? ClosedBy.timeout : ClosedBy.complete)
                .setRevision(1)
                .setEventCount(4 + random.nextInt(10))
                .build();
    }

    /** A call in progress: accepted, nobody has left, no end, no result, not closed. */
    public CallRecord open(long startTs) {
        CallRecord base = finished(startTs);
        List<Participant> present = base.getParticipants().stream()
                .map(p -> Participant.newBuilder(p).setLeaveTs(null).setDurationSec(0).build()).toList();
        return CallRecord.newBuilder(base).setEndTs(null).setDurationSec(0).setCallResult(null).setClosedBy(null)
                .setParticipants(present).build();
    }

    private String user() {
        return users.get(random.nextInt(users.size()));
    }

    private List<String> callees(String caller, int count) {
        Set<String> callees = new LinkedHashSet<>();
        while (callees.size() < count) {
            String user = user();
            if (!user.equals(caller)) {
                callees.add(user);
            }
        }
        return List.copyOf(callees);
    }

    private Participant participant(String userId, long joinTs, long leaveTs) {
        return Participant.newBuilder().setUserId(userId).setJoinTs(joinTs).setLeaveTs(leaveTs)
                .setPlatform(PLATFORMS.get(random.nextInt(PLATFORMS.size())))
                .setDurationSec(Math.max(0, leaveTs - joinTs)).build();
    }
}
