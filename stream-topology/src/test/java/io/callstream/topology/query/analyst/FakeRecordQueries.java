package io.callstream.topology.query.analyst;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.Cursor;
import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.query.RecordPage;
import io.callstream.topology.query.RecordQueries;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@link RecordQueries} over lists in memory, with the contract's semantics: the filter decides, the order is start
 * time then call id, a cursor continues strictly after its position (so paging is stable while records arrive), and
 * {@code totalNum} counts every match. It can also fail or never answer, for the error paths; and it remembers the
 * requests it was asked, so tests can see what the API asked for.
 */
final class FakeRecordQueries implements RecordQueries {

    private final Map<String, CallRecord> finished = new ConcurrentHashMap<>();
    private final Map<String, CallRecord> open = new ConcurrentHashMap<>();
    private final AtomicReference<Supplier<Future<?>>> override = new AtomicReference<>();
    final List<RecordFilter> filtersAsked = new CopyOnWriteArrayList<>();
    final List<PageRequest> pagesAsked = new CopyOnWriteArrayList<>();

    void addFinished(List<CallRecord> records) {
        records.forEach(r -> finished.put(key(r), r));
    }

    void addOpen(List<CallRecord> records) {
        records.forEach(r -> open.put(key(r), r));
    }

    /** From now on every query fails with this (thrown synchronously when {@code thrown}). */
    void failWith(Supplier<RuntimeException> failure, boolean thrown) {
        override.set(() -> {
            if (thrown) {
                throw failure.get();
            }
            return Future.failedFuture(failure.get());
        });
    }

    /** From now on every query's future fails with this, checked exceptions included. */
    void failLaterWith(Supplier<? extends Throwable> failure) {
        override.set(() -> Future.failedFuture(failure.get()));
    }

    /** From now on no query ever answers. */
    void hang() {
        override.set(() -> Promise.promise().future());
    }

    @Override
    public Future<Optional<CallRecord>> record(long sdkAppId, String callId) {
        return answer(() -> Optional.ofNullable(finished.get(sdkAppId + "/" + callId)));
    }

    @Override
    public Future<RecordPage> records(RecordFilter filter, PageRequest page) {
        filtersAsked.add(filter);
        pagesAsked.add(page);
        return answer(() -> page(finished.values().stream().filter(filter::matches), filter.descending(), page));
    }

    @Override
    public Future<Optional<CallRecord>> openCall(long sdkAppId, String callId) {
        return answer(() -> Optional.ofNullable(open.get(sdkAppId + "/" + callId)));
    }

    @Override
    public Future<RecordPage> openCalls(long sdkAppId, PageRequest page) {
        pagesAsked.add(page);
        return answer(() -> page(open.values().stream().filter(r -> r.getSdkAppId() == sdkAppId), true, page));
    }

    private static RecordPage page(Stream<CallRecord> matches, boolean descending, PageRequest page) {
        List<CallRecord> all = matches.sorted(descending ? LocalRecordQueries.ORDER.reversed() : LocalRecordQueries.ORDER).toList();
        if (page.tooDeep()) {
            return RecordPage.beyondDepth(page, all.size());
        }
        Cursor after = page.after();
        List<CallRecord> rest = after != null
                ? all.stream().filter(r -> (descending ? -1 : 1) * Cursor.ORDER.compare(Cursor.of(r), after) > 0).toList()
                : all.subList(Math.min(page.offset(), all.size()), all.size());
        List<CallRecord> records = new ArrayList<>(rest.subList(0, Math.min(page.limit(), rest.size())));
        CallRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
        Cursor next = last != null && records.size() < rest.size() ? Cursor.of(last) : null;
        return new RecordPage(all.size(), records, next);
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> answer(Supplier<T> value) {
        Supplier<Future<?>> failing = override.get();
        return failing != null ? (Future<T>) failing.get() : Future.succeededFuture(value.get());
    }

    private static String key(CallRecord r) {
        return r.getSdkAppId() + "/" + r.getCallId();
    }
}
