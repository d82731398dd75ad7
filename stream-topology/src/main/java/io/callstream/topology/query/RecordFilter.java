package io.callstream.topology.query;

import io.callstream.schemas.CallResult;
import io.callstream.topology.query.index.RecordIndex;
import java.util.Set;

/**
 * Which finished records a query wants. Times are Unix seconds of the record's {@code startCallTs}, both bounds
 * inclusive. A null (or empty) criterion matches everything.
 *
 * @param callType   {@code single} or {@code group}
 * @param results    any of these results
 * @param mediaType  {@code audio} or {@code video}
 * @param userId     the caller, a callee or a participant
 * @param callId     exactly this call
 * @param descending newest first instead of oldest first
 */
public record RecordFilter(long sdkAppId, long fromTs, long toTs, String callType, Set<CallResult> results,
                           String mediaType, String userId, String callId, boolean descending) {

    public RecordFilter {
        results = results == null ? Set.of() : Set.copyOf(results);
    }

    /** All records of an app started within [fromTs, toTs], oldest first. */
    public static RecordFilter between(long sdkAppId, long fromTs, long toTs) {
        return new RecordFilter(sdkAppId, fromTs, toTs, null, Set.of(), null, null, null, false);
    }

    public RecordFilter withCallType(String value) {
        return new RecordFilter(sdkAppId, fromTs, toTs, value, results, mediaType, userId, callId, descending);
    }

    public RecordFilter withResults(Set<CallResult> value) {
        return new RecordFilter(sdkAppId, fromTs, toTs, callType, value, mediaType, userId, callId, descending);
    }

    public RecordFilter withMediaType(String value) {
        return new RecordFilter(sdkAppId, fromTs, toTs, callType, results, value, userId, callId, descending);
    }

    public RecordFilter withUserId(String value) {
        return new RecordFilter(sdkAppId, fromTs, toTs, callType, results, mediaType, value, callId, descending);
    }

    public RecordFilter withCallId(String value) {
        return new RecordFilter(sdkAppId, fromTs, toTs, callType, results, mediaType, userId, value, descending);
    }

    public RecordFilter descending(boolean value) {
        return new RecordFilter(sdkAppId, fromTs, toTs, callType, results, mediaType, userId, callId, value);
    }

    /** Whether a record matches every criterion (the stores narrow by app, time and user; this decides). */
    public boolean matches(io.callstream.schemas.CallRecord r) {
        if (r.getSdkAppId() != sdkAppId || r.getStartCallTs() == null
                || r.getStartCallTs() < fromTs || r.getStartCallTs() > toTs) {
            return false;
        }
        if (callType != null && !callType.equals(r.getCallType())) {
            return false;
        }
        if (!results.isEmpty() && !results.contains(r.getCallResult())) {
            return false;
        }
        if (mediaType != null && !mediaType.equals(r.getMediaType())) {
            return false;
        }
        if (callId != null && !callId.equals(r.getCallId())) {
            return false;
        }
        return userId == null || involves(r, userId);
    }

    /** R4's people: the caller, the callees (invited included) and everyone who joined. */
    public static boolean involves(io.callstream.schemas.CallRecord r, String userId) {
        return RecordIndex.usersOf(r).contains(userId);
    }
}
