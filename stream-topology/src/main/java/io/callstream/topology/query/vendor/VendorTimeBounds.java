package io.callstream.topology.query.vendor;

/** The time bounds of the vendor's filter requests, in Unix seconds. */
final class VendorTimeBounds {

    /** Time bounds accepted in requests: 0 to the end of year 9999. */
    static final long MAX_TIMESTAMP = 253_402_300_799L;
    /** The vendor's default range, and v4's floor: the last 7 days. */
    static final long SEVEN_DAYS = 7L * 24 * 3600;

    private VendorTimeBounds() {
    }
}
