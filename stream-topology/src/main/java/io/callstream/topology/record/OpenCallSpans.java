package io.callstream.topology.record;

import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.stats.CallFigures;
import io.callstream.topology.stats.OpenSpan;
import java.util.Objects;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The fold's calls that were accepted and have no record yet, with their spans ({@link OpenSpan}): what live
 * concurrency counts and a rolling maximum adds to the recorded calls (R7). An in-memory store without changelog:
 * it is the fold's own state seen another way, so {@link CallRecordProcessor} rebuilds it from the open calls whenever
 * a task starts.
 */
final class OpenCallSpans {

    private final KeyValueStore<String, String> spans;

    OpenCallSpans(KeyValueStore<String, String> spans) {
        this.spans = spans;
    }

    /** Keeps an open call's span as its facts now tell it (nothing until it is accepted). */
    void track(String callKey, FoldedCall state, CallRecordFolder.Progress progress) {
        if (progress.acceptTs() == null || state.lastEmitted() != null) {
            return; // not in progress yet, or a revision: the recorded call is in the statistics already
        }
        OpenSpan span = new OpenSpan(CallFigures.typeOf(progress.callType()), progress.acceptTs(),
                progress.complete() && progress.endTs() != null ? progress.endTs() : 0);
        if (!Objects.equals(span, state.span())) {
            spans.put(callKey, span.encode());
            state.span(span);
        }
    }

    KeyValueIterator<String, String> all() {
        return spans.all();
    }

    void forget(String callKey) {
        spans.delete(callKey);
    }

    /** The call has its record: from now on it counts in the statistics through it. */
    void recorded(String callKey, FoldedCall state) {
        spans.delete(callKey);
        state.span(null);
    }
}
