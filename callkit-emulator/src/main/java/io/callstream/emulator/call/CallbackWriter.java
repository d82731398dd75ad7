package io.callstream.emulator.call;

import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallbackCommand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the callbacks of one call: the fields every callback of a call shares, and {@code TotalNum} as the number of
 * people in the call so far (the caller and everyone invited by then), which is how it grows in a group call.
 */
final class CallbackWriter {

    private record Pending(CallbackCommand command, User user, String role, long time, String callResult,
                           Long startCallTs, Long acceptTs, Long endTs, int order) {
    }

    private final long sdkAppId;
    private final String callId;
    private final String roomId;
    private final String mediaType;
    private final String callType;
    private final List<Long> invitations = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();

    CallbackWriter(long sdkAppId, String callId, String roomId, String mediaType, String callType) {
        this.sdkAppId = sdkAppId;
        this.callId = callId;
        this.roomId = roomId;
        this.mediaType = mediaType;
        this.callType = callType;
    }

    /** Someone was invited at {@code time}: callbacks from then on count them in TotalNum. */
    void invited(long time) {
        invitations.add(time);
    }

    void caller(CallbackCommand command, User user, long time) {
        caller(command, user, time, "");
    }

    void caller(CallbackCommand command, User user, long time, String callResult) {
        add(command, user, "caller", time, callResult, null, null, null);
    }

    void callee(CallbackCommand command, User user, long time) {
        callee(command, user, time, "");
    }

    void callee(CallbackCommand command, User user, long time, String callResult) {
        add(command, user, "callee", time, callResult, null, null, null);
    }

    /** The status callback (§1.3), about the caller, as in the vendor's example; timestamps only for normal_end. */
    void status(CallResult result, User caller, long time, long startTs, long acceptTs, long endTs) {
        CallbackCommand command = CallbackCommand.fromWireName(result.name())
                .orElseThrow(() -> new IllegalArgumentException("no status callback for " + result));
        boolean normalEnd = result == CallResult.normal_end;
        add(command, caller, "caller", time, result.name(),
                normalEnd ? startTs : null, normalEnd ? acceptTs : null, normalEnd ? endTs : null);
    }

    private void add(CallbackCommand command, User user, String role, long time, String callResult,
                     Long startCallTs, Long acceptTs, Long endTs) {
        pending.add(new Pending(command, user, role, time, callResult, startCallTs, acceptTs, endTs, pending.size()));
    }

    /** The callbacks in the order their actions happened; same-second ones in the order they were written. */
    List<Callback> callbacks() {
        return pending.stream()
                .sorted(Comparator.comparingLong(Pending::time).thenComparingInt(Pending::order))
                .map(p -> new Callback(sdkAppId, callId, p.command(), p.user().userId(), p.role(), roomId,
                        totalNumAt(p.time()), mediaType, p.command().kind() == io.callstream.schemas.EventKind.status
                        ? null : callType, p.callResult(), p.time(), p.startCallTs(), p.acceptTs(), p.endTs(),
                        p.user().platform(), p.user().clientIp()))
                .toList();
    }

    private int totalNumAt(long time) {
        return 1 + (int) invitations.stream().filter(t -> t <= time).count();
    }
}
