package io.callstream.emulator.call;

import static io.callstream.schemas.CallbackCommand.CALLEE_ACCEPT_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_CALL_CANCELED;
import static io.callstream.schemas.CallbackCommand.CALLEE_CALL_END;
import static io.callstream.schemas.CallbackCommand.CALLEE_CALL_INTERRUPTED;
import static io.callstream.schemas.CallbackCommand.CALLEE_IGNORE_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_NOT_ANSWER_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_RECEIVE_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_REJECT_CALL;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_ACCEPTED;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_BUSY;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_END;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_FAILED;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_INTERRUPTED;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_MISSED;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_REJECTED;
import static io.callstream.schemas.CallbackCommand.CALLER_CANCEL_CALL;
import static io.callstream.schemas.CallbackCommand.CALLER_START_CALL;

import io.callstream.schemas.CallResult;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A 1v1 call from start to end, for each result: the callbacks both sides produce and what the call's story is.
 *
 * <p>Busy and failed calls never reach the callee (no {@code callee_receive_call}); a failed start has no status
 * callback, since {@code failed} is not one of the six status commands. Both parties' end events of a connected call
 * carry the same second; in an interrupted call the party whose network dropped reports {@code *_call_interrupted} and
 * the other {@code *_call_end}.
 */
final class OneToOneScript {

    private OneToOneScript() {
    }

    /** @param result how the call ends; null for a call left open after being accepted */
    static CallStory write(long sdkAppId, String callId, String roomId, String mediaType, User caller, User callee,
                           long t0, CallResult result, SplittableRandom random) {
        CallbackWriter w = new CallbackWriter(sdkAppId, callId, roomId, mediaType, "single");
        w.invited(t0);
        w.caller(CALLER_START_CALL, caller, t0);
        long received = t0 + random.nextInt(2);
        long acceptTs = 0;
        Long endTs;
        List<Presence> presence = List.of();

        if (result == CallResult.failed) {
            endTs = t0 + random.nextInt(3);
            w.caller(CALLER_CALL_FAILED, caller, endTs);
            return story(sdkAppId, callId, roomId, mediaType, caller, callee, result, t0, 0, endTs, presence, w);
        }
        if (result == CallResult.call_busy) {
            endTs = t0 + random.nextInt(2);
            w.caller(CALLER_CALL_BUSY, caller, endTs, result.name());
            w.status(result, caller, endTs, t0, 0, endTs);
            return story(sdkAppId, callId, roomId, mediaType, caller, callee, result, t0, 0, endTs, presence, w);
        }
        w.callee(CALLEE_RECEIVE_CALL, callee, received);
        if (result == CallResult.cancel) {
            endTs = received + Durations.between(random, 1, 20);
            w.caller(CALLER_CANCEL_CALL, caller, endTs, result.name());
            w.callee(CALLEE_CALL_CANCELED, callee, endTs, result.name());
        } else if (result == CallResult.reject) {
            endTs = received + Durations.ring(random);
            w.callee(CALLEE_REJECT_CALL, callee, endTs, result.name());
            w.caller(CALLER_CALL_REJECTED, caller, endTs, result.name());
        } else if (result == CallResult.not_answer) {
            endTs = t0 + Durations.RING_TIMEOUT_SEC;
            // "Some events rarely occur": an ignored invitation is reported now and then instead of a timeout.
            w.callee(random.nextInt(10) == 0 ? CALLEE_IGNORE_CALL : CALLEE_NOT_ANSWER_CALL, callee, endTs, result.name());
            w.caller(CALLER_CALL_MISSED, caller, endTs, result.name());
        } else {
            acceptTs = received + Durations.ring(random);
            w.callee(CALLEE_ACCEPT_CALL, callee, acceptTs);
            w.caller(CALLER_CALL_ACCEPTED, caller, acceptTs);
            if (result == null) { // left open: nobody ever reports an end
                presence = List.of(new Presence(caller.userId(), acceptTs, null), new Presence(callee.userId(), acceptTs, null));
                return story(sdkAppId, callId, roomId, mediaType, caller, callee, null, t0, acceptTs, null, presence, w);
            }
            endTs = acceptTs + Durations.talk(random);
            if (result == CallResult.interrupt) {
                boolean callerDropped = random.nextBoolean();
                w.caller(callerDropped ? CALLER_CALL_INTERRUPTED : CALLER_CALL_END, caller, endTs, result.name());
                w.callee(callerDropped ? CALLEE_CALL_END : CALLEE_CALL_INTERRUPTED, callee, endTs, result.name());
            } else if (result == CallResult.normal_end) {
                w.caller(CALLER_CALL_END, caller, endTs, result.name());
                w.callee(CALLEE_CALL_END, callee, endTs, result.name());
            } else {
                throw new IllegalArgumentException("not a 1v1 result: " + result);
            }
            presence = List.of(new Presence(caller.userId(), acceptTs, endTs), new Presence(callee.userId(), acceptTs, endTs));
        }
        w.status(result, caller, endTs, t0, acceptTs, endTs);
        return story(sdkAppId, callId, roomId, mediaType, caller, callee, result, t0, acceptTs, endTs, presence, w);
    }

    private static CallStory story(long sdkAppId, String callId, String roomId, String mediaType, User caller,
                                   User callee, CallResult result, long t0, long acceptTs, Long endTs,
                                   List<Presence> presence, CallbackWriter w) {
        return new CallStory(sdkAppId, callId, "single", mediaType, roomId, caller, List.of(callee), result, t0,
                acceptTs, endTs, presence, w.callbacks());
    }
}
