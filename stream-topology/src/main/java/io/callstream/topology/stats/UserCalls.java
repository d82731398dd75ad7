package io.callstream.topology.stats;

import io.callstream.schemas.CallScope;

/**
 * A user's calls of one day by call type: as a change's delta, how many it adds (+1) or takes away (−1); as stored,
 * in which types the user joined a call that day (1) or not (0). {@code untyped} counts calls that name no type
 * (they count in {@code all} only).
 */
public record UserCalls(int single, int group, int untyped) {

    public static final UserCalls NONE = new UserCalls(0, 0, 0);

    /** One call of this type joined ({@code sign} +1) or no longer (−1). */
    public static UserCalls one(CallScope type, int sign) {
        if (type == CallScope.single) {
            return new UserCalls(sign, 0, 0);
        }
        return type == CallScope.group ? new UserCalls(0, sign, 0) : new UserCalls(0, 0, sign);
    }

    public UserCalls plus(UserCalls other) {
        return new UserCalls(single + other.single, group + other.group, untyped + other.untyped);
    }

    /** What is present after a delta's joins: a type joined stays joined (R8 counts a user once a day). */
    public UserCalls with(UserCalls delta) {
        return new UserCalls(Math.max(single, Math.min(1, delta.single)), Math.max(group, Math.min(1, delta.group)),
                Math.max(untyped, Math.min(1, delta.untyped)));
    }

    public int in(CallScope scope) {
        return switch (scope) {
            case single -> single;
            case group -> group;
            case all -> single + group + untyped;
        };
    }

    public boolean isNone() {
        return single == 0 && group == 0 && untyped == 0;
    }

    public String encode() {
        return single + "," + group + "," + untyped;
    }

    public static UserCalls decode(String text) {
        int a = text.indexOf(',');
        int b = text.indexOf(',', a + 1);
        return new UserCalls(Integer.parseInt(text.substring(0, a)), Integer.parseInt(text.substring(a + 1, b)),
                Integer.parseInt(text.substring(b + 1)));
    }
}
