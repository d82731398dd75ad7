package io.callstream.topology.query.index;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.topology.query.RecordFilter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The keys of the query stores, kept by {@link RecordIndexProcessor} and read by the queries, so that no query scans
 * every record:
 * <ul>
 *   <li>{@value #RECORDS}: call key → the latest revision of its record (by-callId queries);</li>
 *   <li>{@value #BY_START}: {@code <start, 19 digits>|<sdkAppId>|<callId>} → {@link Summary} (time-range queries: the
 *       store's byte order is time order, and the summary lets filters on type, result and media skip the record);</li>
 *   <li>{@value #BY_USER}: {@code <sdkAppId>|<length>:<userId>|<start, 19 digits>|<callId>} → {@link Summary} (one user's
 *       calls in a time range; R4's people: caller, callees and participants).</li>
 * </ul>
 * Start times are the record's {@code startCallTs} in Unix seconds (0 when unknown).
 */
public final class RecordIndex {

    public static final String RECORDS = "records";
    public static final String BY_START = "records-by-start";
    public static final String BY_USER = "records-by-user";

    private RecordIndex() {
    }

    /** The few fields that filters read, carried in the index entries: {@code callType|callResult|mediaType}. */
    public record Summary(String callType, CallResult result, String mediaType) {

        static Summary of(CallRecord r) {
            return new Summary(r.getCallType(), r.getCallResult(), r.getMediaType());
        }

        public String encode() {
            return nullToEmpty(callType) + "|" + (result == null ? "" : result.name()) + "|" + nullToEmpty(mediaType);
        }

        public static Summary decode(String text) {
            String[] parts = text.split("\\|", -1);
            return new Summary(emptyToNull(parts[0]), parts[1].isEmpty() ? null : CallResult.valueOf(parts[1]),
                    emptyToNull(parts[2]));
        }

        /** Whether a record with this summary can match the filter (the rest is decided on the record). */
        public boolean mayMatch(RecordFilter filter) {
            return (filter.callType() == null || filter.callType().equals(callType))
                    && (filter.results().isEmpty() || filter.results().contains(result))
                    && (filter.mediaType() == null || filter.mediaType().equals(mediaType));
        }
    }

    public static long startOf(CallRecord r) {
        return r.getStartCallTs() == null ? 0L : r.getStartCallTs();
    }

    public static String byStartKey(long startTs, long sdkAppId, String callId) {
        return padded(startTs) + "|" + sdkAppId + "|" + callId;
    }

    /** The by-start key's parts: start, sdkAppId, callId. */
    public static ParsedStartKey parseByStartKey(String key) {
        int first = key.indexOf('|');
        int second = key.indexOf('|', first + 1);
        return new ParsedStartKey(Long.parseLong(key.substring(0, first)), Long.parseLong(key.substring(first + 1, second)),
                key.substring(second + 1));
    }

    public record ParsedStartKey(long startTs, long sdkAppId, String callId) {
    }

    public static String userPrefix(long sdkAppId, String userId) {
        return sdkAppId + "|" + userId.length() + ":" + userId + "|";
    }

    public static String byUserKey(long sdkAppId, String userId, long startTs, String callId) {
        return userPrefix(sdkAppId, userId) + padded(startTs) + "|" + callId;
    }

    /** The call id at the end of a by-user key. */
    public static String callIdOfUserKey(long sdkAppId, String userId, String key) {
        return key.substring(userPrefix(sdkAppId, userId).length() + 20);
    }

    /** The start time in a by-user key. */
    public static long startOfUserKey(long sdkAppId, String userId, String key) {
        int from = userPrefix(sdkAppId, userId).length();
        return Long.parseLong(key.substring(from, from + 19));
    }

    /** R4's people of a record: caller, callees (invited included) and participants. */
    public static Set<String> usersOf(CallRecord r) {
        Set<String> users = new LinkedHashSet<>();
        if (r.getCaller() != null) {
            users.add(r.getCaller());
        }
        users.addAll(r.getCallees());
        r.getParticipants().forEach(p -> users.add(p.getUserId()));
        return users;
    }

    /** Zero-padded to 19 digits, so that the store's byte order is numeric order (negative times clamp to 0). */
    public static String padded(long value) {
        return io.callstream.topology.SortableKeys.padded(value);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
