package io.callstream.emulator.call;

import static io.callstream.schemas.CallbackCommand.CALLEE_ACCEPT_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_CALL_CANCELED;
import static io.callstream.schemas.CallbackCommand.CALLEE_CALL_END;
import static io.callstream.schemas.CallbackCommand.CALLEE_CALL_INTERRUPTED;
import static io.callstream.schemas.CallbackCommand.CALLEE_NOT_ANSWER_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_RECEIVE_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_REJECT_CALL;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_ACCEPTED;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_END;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_MISSED;
import static io.callstream.schemas.CallbackCommand.CALLER_CANCEL_CALL;
import static io.callstream.schemas.CallbackCommand.CALLER_START_CALL;
import static io.callstream.schemas.CallbackCommand.INVITE_USER;
import static io.callstream.schemas.CallbackCommand.JOIN_IN_GROUP_CALL;

import io.callstream.schemas.CallResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A group call: the caller invites 2 or more people; each accepts, rejects or lets it ring out. Once connected, members
 * may leave early (ended or interrupted) and rejoin ({@code join_in_group_call}), and the members may invite more
 * people mid-call ({@code invite_user}), who join or not. Everyone still present leaves when the call ends.
 *
 * <p>A connected group call lasts past the 30 s ring timeout, so every initial invitation is answered, refused or
 * timed out before the end. Group calls report only {@code normal_end} in status callbacks (protocol §1.2), so a group
 * call nobody answers has event callbacks only and ends as {@code cancel} or {@code not_answer} (R5.4).
 */
final class GroupScript {

    private static final double ACCEPT = 0.75;
    private static final double REJECT = 0.10;
    private static final double LEAVES_EARLY = 0.3;
    private static final double REJOINS = 0.5;
    private static final double INVITES_MID_CALL = 0.35;
    private static final double INVITEE_JOINS = 0.7;

    private GroupScript() {
    }

    static CallStory write(long sdkAppId, String callId, String roomId, String mediaType, User caller,
                           List<User> invitees, List<User> midCallCandidates, long t0, boolean unanswered,
                           SplittableRandom random) {
        CallbackWriter w = new CallbackWriter(sdkAppId, callId, roomId, mediaType, "group");
        w.caller(CALLER_START_CALL, caller, t0);
        List<User> invited = new ArrayList<>(invitees);
        long[] received = new long[invitees.size()];
        for (int i = 0; i < invitees.size(); i++) {
            w.invited(t0);
            received[i] = t0 + random.nextInt(2);
            w.callee(CALLEE_RECEIVE_CALL, invitees.get(i), received[i]);
        }
        if (unanswered) {
            return unanswered(sdkAppId, callId, roomId, mediaType, caller, invited, t0, w, random);
        }

        // Who answers how; at least one accepts, or the call would not connect.
        long[] accepts = new long[invitees.size()];
        boolean anyAccepts = false;
        for (int i = 0; i < invitees.size(); i++) {
            double roll = random.nextDouble();
            User invitee = invitees.get(i);
            boolean lastChance = i == invitees.size() - 1 && !anyAccepts;
            if (roll < ACCEPT || lastChance) {
                accepts[i] = received[i] + Durations.ring(random);
                anyAccepts = true;
            } else if (roll < ACCEPT + REJECT) {
                w.callee(CALLEE_REJECT_CALL, invitee, received[i] + Durations.ring(random), CallResult.reject.name());
            } else {
                w.callee(CALLEE_NOT_ANSWER_CALL, invitee, t0 + Durations.RING_TIMEOUT_SEC, CallResult.not_answer.name());
            }
        }
        long acceptTs = Long.MAX_VALUE;
        long lastAccept = 0;
        for (long a : accepts) {
            if (a > 0) {
                acceptTs = Math.min(acceptTs, a);
                lastAccept = Math.max(lastAccept, a);
            }
        }
        long endTs = Math.max(acceptTs + Durations.talk(random), Math.max(lastAccept + 5, t0 + Durations.RING_TIMEOUT_SEC + 5));
        w.caller(CALLER_CALL_ACCEPTED, caller, acceptTs);

        List<Presence> presence = new ArrayList<>();
        presence.add(new Presence(caller.userId(), acceptTs, endTs));
        for (int i = 0; i < invitees.size(); i++) {
            if (accepts[i] > 0) {
                w.callee(CALLEE_ACCEPT_CALL, invitees.get(i), accepts[i]);
                stayUntilEnd(w, invitees.get(i), accepts[i], endTs, presence, random);
            }
        }
        if (random.nextDouble() < INVITES_MID_CALL && endTs - acceptTs >= 15) {
            int count = 1 + random.nextInt(2);
            for (User newcomer : pickNewcomers(midCallCandidates, count)) {
                invited.add(newcomer);
                inviteMidCall(w, newcomer, acceptTs, endTs, presence, random);
            }
        }
        w.caller(CALLER_CALL_END, caller, endTs, CallResult.normal_end.name());
        w.status(CallResult.normal_end, caller, endTs, t0, acceptTs, endTs);
        return new CallStory(sdkAppId, callId, "group", mediaType, roomId, caller, invited, CallResult.normal_end, t0,
                acceptTs, endTs, presence, w.callbacks());
    }

    /** A member from their join to the end: maybe leaving early, maybe coming back. */
    private static void stayUntilEnd(CallbackWriter w, User member, long joinTs, long endTs, List<Presence> presence,
                                     SplittableRandom random) {
        if (endTs - joinTs >= 8 && random.nextDouble() < LEAVES_EARLY) {
            long leave = joinTs + Durations.between(random, 1, (int) (endTs - joinTs) - 5);
            boolean interrupted = random.nextInt(5) == 0;
            w.callee(interrupted ? CALLEE_CALL_INTERRUPTED : CALLEE_CALL_END, member, leave,
                    interrupted ? CallResult.interrupt.name() : CallResult.normal_end.name());
            presence.add(new Presence(member.userId(), joinTs, leave));
            if (endTs - leave >= 4 && random.nextDouble() < REJOINS) {
                long rejoin = leave + Durations.between(random, 1, (int) (endTs - leave) - 2);
                w.callee(JOIN_IN_GROUP_CALL, member, rejoin);
                w.callee(CALLEE_CALL_END, member, endTs, CallResult.normal_end.name());
                presence.add(new Presence(member.userId(), rejoin, endTs));
            }
            return;
        }
        w.callee(CALLEE_CALL_END, member, endTs, CallResult.normal_end.name());
        presence.add(new Presence(member.userId(), joinTs, endTs));
    }

    /** Someone invited while the call is on: they join, let it ring out, or are still ringing when it ends. */
    private static void inviteMidCall(CallbackWriter w, User newcomer, long acceptTs, long endTs,
                                      List<Presence> presence, SplittableRandom random) {
        long invitedAt = acceptTs + Durations.between(random, 1, (int) (endTs - acceptTs) - 10);
        w.invited(invitedAt);
        w.callee(INVITE_USER, newcomer, invitedAt);
        w.callee(CALLEE_RECEIVE_CALL, newcomer, invitedAt);
        long joinAt = invitedAt + Durations.ring(random);
        if (random.nextDouble() < INVITEE_JOINS && joinAt < endTs - 1) {
            w.callee(JOIN_IN_GROUP_CALL, newcomer, joinAt);
            w.callee(CALLEE_CALL_END, newcomer, endTs, CallResult.normal_end.name());
            presence.add(new Presence(newcomer.userId(), joinAt, endTs));
        } else if (invitedAt + Durations.RING_TIMEOUT_SEC < endTs) {
            w.callee(CALLEE_NOT_ANSWER_CALL, newcomer, invitedAt + Durations.RING_TIMEOUT_SEC, CallResult.not_answer.name());
        } else {
            w.callee(CALLEE_CALL_CANCELED, newcomer, endTs, CallResult.cancel.name());
        }
    }

    /** Nobody answers: the caller gives up first (cancel), or every invitation times out (not_answer). */
    private static CallStory unanswered(long sdkAppId, String callId, String roomId, String mediaType, User caller,
                                        List<User> invited, long t0, CallbackWriter w, SplittableRandom random) {
        boolean cancelled = random.nextBoolean();
        CallResult result = cancelled ? CallResult.cancel : CallResult.not_answer;
        long endTs = cancelled ? t0 + Durations.between(random, 3, 20) : t0 + Durations.RING_TIMEOUT_SEC;
        if (cancelled) {
            w.caller(CALLER_CANCEL_CALL, caller, endTs, result.name());
            invited.forEach(u -> w.callee(CALLEE_CALL_CANCELED, u, endTs, result.name()));
        } else {
            invited.forEach(u -> w.callee(CALLEE_NOT_ANSWER_CALL, u, endTs, result.name()));
            w.caller(CALLER_CALL_MISSED, caller, endTs, result.name());
        }
        return new CallStory(sdkAppId, callId, "group", mediaType, roomId, caller, invited, result, t0, 0, endTs,
                List.of(), w.callbacks());
    }

    private static List<User> pickNewcomers(List<User> candidates, int count) {
        return candidates.subList(0, Math.min(count, candidates.size()));
    }
}
