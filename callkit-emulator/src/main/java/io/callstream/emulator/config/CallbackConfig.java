package io.callstream.emulator.config;

import io.callstream.schemas.CallbackCommand;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An app's callback configuration (protocol §2): where callbacks go, and which of the 25 commands are sent.
 *
 * @param address an http or https URL
 * @param actions command names, in the order they were configured (the get API returns them so)
 */
public record CallbackConfig(String address, List<String> actions) {

    public CallbackConfig {
        Objects.requireNonNull(address, "address");
        actions = List.copyOf(actions);
    }

    /** Every documented command, in the protocol's order: what a receiver that wants everything configures. */
    public static CallbackConfig allActions(String address) {
        return new CallbackConfig(address, CallbackCommand.documentedWireNames());
    }

    /** The commands the actions name (names the protocol does not know select nothing). */
    public Set<CallbackCommand> commands() {
        Set<CallbackCommand> commands = EnumSet.noneOf(CallbackCommand.class);
        actions.forEach(a -> CallbackCommand.fromWireName(a).ifPresent(commands::add));
        return commands;
    }

    public boolean selects(CallbackCommand command) {
        return actions.contains(command.wireName());
    }
}
