package io.callstream.topology.record;

import io.callstream.topology.fold.CallFact;

/**
 * An entry of the fold's facts store: a distinct fact of a call and when the fold first saw it (wall clock). The
 * newest arrival is the call's last event, which the idle timeout counts from; keeping it with the fact means a
 * callback that adds a fact writes that one entry and does not rewrite the call's state.
 */
public record ArrivedFact(CallFact fact, long arrivedMs) {
}
