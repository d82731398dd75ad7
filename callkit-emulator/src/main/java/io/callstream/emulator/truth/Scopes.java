package io.callstream.emulator.truth;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallScope;

/** Which records a statistics scope covers: its call type, or every record for {@code all}. */
final class Scopes {

    private Scopes() {
    }

    static boolean covers(CallScope scope, CallRecord record) {
        return switch (scope) {
            case all -> true;
            case single -> "single".equals(record.getCallType());
            case group -> "group".equals(record.getCallType());
        };
    }
}
