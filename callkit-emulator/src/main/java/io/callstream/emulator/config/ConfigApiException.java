package io.callstream.emulator.config;

/** A request the configuration API refuses, with the code and message it answers. */
final class ConfigApiException extends RuntimeException {

    private final ConfigApiError error;

    ConfigApiException(ConfigApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    ConfigApiError error() {
        return error;
    }
}
