package io.callstream.emulator.delivery;

/**
 * How one callback's delivery ended.
 *
 * @param acknowledged the receiver answered HTTP 200 with {@code ErrorCode 0}
 * @param attempts     requests made, the first and every retry
 * @param httpStatus   the last answer's HTTP status, 0 if there was none (connection error, timeout)
 * @param errorCode    the last answer's {@code ErrorCode}, null if it had none that could be read
 * @param detail       the last failure, or the last answer's {@code ErrorMessage}
 */
public record DeliveryResult(boolean acknowledged, int attempts, int httpStatus, Integer errorCode, String detail) {
}
