package io.callstream.topology.query;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link RecordQueries} over a list, for testing the HTTP layers: filters with {@link RecordFilter#matches}, orders
 * by start time then call id (reversed when the filter says descending), pages by offset or cursor. It can also be told
 * to fail every query (as a rebalancing store does), to throw instead of failing, or never to answer.
 */
public final class InMemoryRecordQueries implements RecordQueries {

    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private final List<RecordFilter> filtersSeen = new CopyOnWriteArrayList<>();
    private final List<PageRequest> pagesSeen = new CopyOnWriteArrayList<>();
    private volatile Supplier<Throwable> failure;
    private volatile RuntimeException thrown;
    private volatile boolean silent;

    public InMemoryRecordQueries add(CallRecord... added) {
        records.addAll(List.of(added));
        return this;
    }

    public InMemoryRecordQueries add(CallRecord.Builder... added) {
        for (CallRecord.Builder builder : added) {
            records.add(builder.build());
        }
        return this;
    }

    public InMemoryRecordQueries addAll(Collection<CallRecord> added) {
        records.addAll(added);
        return this;
    }

    /** Forgets the records, the queries seen and any failure mode. */
    public void reset() {
        records.clear();
        filtersSeen.clear();
        pagesSeen.clear();
        failure = null;
        thrown = null;
        silent = false;
    }

    /** Every query's future fails with what the supplier gives. */
    public void failWith(Supplier<Throwable> failure) {
        this.failure = failure;
    }

    /** Every query throws instead of returning a future (a broken implementation). */
    public void throwOnQuery(RuntimeException thrown) {
        this.thrown = thrown;
    }

    /** Every query's future stays pending forever. */
    public void neverAnswer() {
        this.silent = true;
    }

    public List<RecordFilter> filtersSeen() {
        return List.copyOf(filtersSeen);
    }

    public List<PageRequest> pagesSeen() {
        return List.copyOf(pagesSeen);
    }

    @Override
    public Future<Optional<CallRecord>> record(long sdkAppId, String callId) {
        return answer(() -> records.stream()
                .filter(r -> r.getSdkAppId() == sdkAppId && r.getCallId().equals(callId))
                .findFirst());
    }

    @Override
    public Future<RecordPage> records(RecordFilter filter, PageRequest page) {
        filtersSeen.add(filter);
        pagesSeen.add(page);
        return answer(() -> {
            Comparator<CallRecord> order = filter.descending() ? LocalRecordQueries.ORDER.reversed() : LocalRecordQueries.ORDER;
            List<CallRecord> matching = records.stream().filter(filter::matches).sorted(order).toList();
            if (page.tooDeep()) {
                return RecordPage.beyondDepth(page, matching.size());
            }
            int from = page.after() == null ? Math.min(page.offset(), matching.size()) : afterCursor(matching, page.after(), filter.descending());
            int to = (int) Math.min(matching.size(), (long) from + page.limit());
            List<CallRecord> slice = new ArrayList<>(matching.subList(from, to));
            Cursor next = to < matching.size() && !slice.isEmpty() ? Cursor.of(slice.get(slice.size() - 1)) : null;
            return new RecordPage(matching.size(), slice, next);
        });
    }

    @Override
    public Future<Optional<CallRecord>> openCall(long sdkAppId, String callId) {
        return answer(Optional::empty);
    }

    @Override
    public Future<RecordPage> openCalls(long sdkAppId, PageRequest page) {
        return answer(RecordPage::empty);
    }

    private static int afterCursor(List<CallRecord> matching, Cursor cursor, boolean descending) {
        for (int i = 0; i < matching.size(); i++) {
            int c = Cursor.ORDER.compare(Cursor.of(matching.get(i)), cursor);
            if (descending ? c < 0 : c > 0) {
                return i;
            }
        }
        return matching.size();
    }

    private <T> Future<T> answer(Supplier<T> result) {
        if (thrown != null) {
            throw thrown;
        }
        if (silent) {
            return Promise.<T>promise().future();
        }
        Supplier<Throwable> f = failure;
        return f != null ? Future.failedFuture(f.get()) : Future.succeededFuture(result.get());
    }
}
