package io.callstream.launcher.callback;

import io.callstream.schemas.CallbackCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** The four calls of the vendor's callback configuration API (protocol §2, docs/callback-protocol.md §4). */
public enum CallbackConfigOperation {
    SET, GET, UPDATE, DELETE;

    /** {@code /v1/callback/set} and so on. */
    public String path() {
        return "/v1/callback/" + command();
    }

    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Set and update carry the address and actions; get and delete send {@code {}}. */
    public boolean takesAddress() {
        return this == SET || this == UPDATE;
    }

    /**
     * The request body.
     *
     * @param address required for set and update, ignored otherwise
     * @param actions the commands the sender is to post; for set and update, empty means all 25
     *                ({@link CallbackCommand#documentedWireNames()}): callstream builds the best records when it
     *                receives every one
     */
    public JsonObject body(String address, List<String> actions) {
        if (!takesAddress()) {
            return new JsonObject();
        }
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(command() + " needs the callback address (--address)");
        }
        return new JsonObject().put("address", address)
                .put("actions", new JsonArray(actions.isEmpty() ? CallbackCommand.documentedWireNames()
                        : List.copyOf(actions)));
    }
}
