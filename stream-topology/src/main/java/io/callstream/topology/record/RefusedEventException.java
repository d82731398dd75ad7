package io.callstream.topology.record;

/**
 * An event the fold refuses before changing any state: it stays out of its call and goes to the topology's dead-letter
 * topic with {@link #reason()}, and processing goes on. Thrown from {@code process()} so that the processing exception
 * handler routes it like any other record that cannot be processed; it carries no stack trace, since it is an answer
 * about the input, not a fault of the code.
 */
public final class RefusedEventException extends RuntimeException {

    /** Why events are refused, a bounded set (a metric tag). */
    public enum Reason { INVALID_KEY, TOO_MANY_FACTS, TIMESTAMP_OUT_OF_WINDOW }

    private final Reason reason;

    public RefusedEventException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
