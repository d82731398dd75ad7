package io.callstream.emulator.config;

/** The error codes of the callback configuration API (protocol §1.6, §2; seed "错误码"). */
public enum ConfigApiError {
    /** The app has not bought the group-call package (emulated with {@code groupPackage=false}). */
    NO_PACKAGE(50001),
    /** get or update with no configuration: "回调不存在" / "没有配置信息". */
    NO_CONFIGURATION(999),
    /** A missing or invalid parameter, including an address that is not http(s) and an unknown app. */
    INVALID_PARAMETER(70001),
    INVALID_USERSIG(70002),
    USERSIG_EXPIRED(70003),
    NOT_ADMIN(70004),
    RATE_LIMITED(70005),
    /** The body is not JSON (the common v1 code, §3.1). */
    UNPARSABLE_BODY(70009);

    private final int code;

    ConfigApiError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
