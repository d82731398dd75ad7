package io.callstream.topology.record;

import io.callstream.schemas.CallbackCommand;
import io.callstream.schemas.EventKind;
import io.callstream.topology.fold.CallFact;
import java.util.List;

/** Terse construction of facts for tests: {@code Facts.of("callee_accept_call", "bob", 105)}. */
public final class Facts {

    /** A 1v1 call, answered and ended by both sides: the callbacks of the fold's tests' usual call. */
    public static final List<CallFact> CONNECTED = List.of(
            of("caller_start_call", "alice", 100), of("callee_receive_call", "bob", 101),
            of("callee_accept_call", "bob", 105), of("caller_call_accepted", "alice", 105),
            of("caller_call_end", "alice", 160), of("callee_call_end", "bob", 161));

    private Facts() {
    }

    public static CallFact of(String command, String user, long eventTime) {
        EventKind kind = CallbackCommand.kindOf(command);
        String role = command.startsWith("caller_") ? "caller" : command.startsWith("callee_") ? "callee" : null;
        return new CallFact(command, kind, user, role, kind == EventKind.event ? command.replaceFirst("^(caller|callee)_", "") : null,
                kind == EventKind.status ? ("call_end".equals(command) ? "normal_end" : command) : null,
                eventTime, null, null, null, 2, "video", "single", "room-1", "iOS");
    }

    public static CallFact group(String command, String user, long eventTime) {
        CallFact f = of(command, user, eventTime);
        return new CallFact(f.command(), f.kind(), f.userId(), f.role(), f.event(), f.callResult(), f.eventTime(),
                null, null, null, null, "audio", "group", "room-g", "Android");
    }

    public static CallFact withRole(CallFact f, String role) {
        return new CallFact(f.command(), f.kind(), f.userId(), role, f.event(), f.callResult(), f.eventTime(),
                f.startCallTs(), f.acceptTs(), f.endTs(), f.totalNum(), f.mediaType(), f.callType(), f.roomId(), f.platform());
    }

    public static CallFact withTimes(CallFact f, Long start, Long accept, Long end) {
        return new CallFact(f.command(), f.kind(), f.userId(), f.role(), f.event(), f.callResult(), f.eventTime(),
                start, accept, end, f.totalNum(), f.mediaType(), f.callType(), f.roomId(), f.platform());
    }
}
