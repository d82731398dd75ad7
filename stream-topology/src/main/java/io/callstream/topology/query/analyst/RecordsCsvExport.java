package io.callstream.topology.query.analyst;

import io.callstream.service.RequestIds;
import io.callstream.topology.query.PageRequest;
import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.query.RecordPage;
import io.callstream.topology.query.RecordQueries;
import io.callstream.topology.query.auth.AuthResult;
import io.callstream.topology.query.http.RequestPipeline;
import io.callstream.topology.query.limit.AppRateLimiter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/records} with {@code Accept: text/csv}: every record of the filter as CSV ({@link RecordCsv}),
 * streamed. The records are read {@value #PAGE_SIZE} at a time with the cursor, and a page is read only once the
 * previous one has left the write queue, so a year of records never sits in memory and a slow reader slows the reads.
 * Same parameters, credentials, rate limit and errors as the JSON listing, except the paging ones: the CSV is the
 * whole filter. A request that does not prefer CSV passes on to the JSON listing.
 *
 * <p>An error before the first row is the JSON error of the listing. A page that fails after rows were sent resets
 * the stream, so that a client sees a broken download rather than a CSV that looks complete.
 */
final class RecordsCsvExport {

    private static final Logger LOG = LoggerFactory.getLogger(RecordsCsvExport.class);
    static final String CSV = "text/csv";
    static final int PAGE_SIZE = 1000;
    /** The header carrying how many records the CSV holds, known once the first page is read. */
    static final String TOTAL_HEADER = "X-Total-Count";

    private final ListRecords listing;
    private final Set<String> accepted;
    private final AnalystAuthenticator authenticator;
    private final AppRateLimiter limiter;
    private final AnalystConventions conventions = new AnalystConventions();
    /** Answers a failure before the first row as the JSON listing would. */
    private final RequestPipeline<AnalystException> errors;
    private final RecordQueries queries;
    private final Clock clock;
    private final Duration retention;
    private final Duration timeout;

    RecordsCsvExport(RecordQueries queries, Clock clock, Duration retention, AnalystAuthenticator authenticator,
                     AppRateLimiter limiter, Duration timeout) {
        this.listing = new ListRecords(queries, clock, retention);
        this.accepted = new HashSet<>(listing.parameters());
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.errors = new RequestPipeline<>(conventions, new AnalystRoute(listing, authenticator, limiter), timeout);
        this.queries = queries;
        this.clock = clock;
        this.retention = retention;
        this.timeout = timeout;
    }

    /** Ahead of the JSON listing on the same path, which answers whatever this passes on. */
    void mount(Router router) {
        router.get(listing.path()).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (!prefersCsv(ctx.parsedHeaders().accept())) {
            ctx.next();
            return;
        }
        String requestId = RequestIds.hex32();
        ctx.response().putHeader("X-Request-Id", requestId);
        RecordFilter filter;
        try {
            QueryParams params = new QueryParams(ctx.queryParams(), accepted);
            long app = admitted(params, ctx);
            for (String paging : Paging.PARAMETERS) {
                if (params.single(paging) != null) {
                    throw AnalystException.badParameter(paging + " is not taken with Accept: text/csv: the CSV holds "
                            + "every record of the filter; leave out limit, cursor and page");
                }
            }
            TimeRange range = TimeRange.resolve(params.single("from"), params.single("to"), null, clock.instant(),
                    retention);
            filter = range.isEmpty() ? null : RecordFilterParams.read(app, range, params);
        } catch (RuntimeException e) {
            errors.fail(ctx, e);
            return;
        }
        Context context = ctx.vertx().getOrCreateContext();
        if (filter == null) {
            start(ctx.response(), 0).end();
            return;
        }
        new Export(ctx, context, requestId, filter).read(PageRequest.page(1, PAGE_SIZE), true);
    }

    /** One CSV response being written: reads a page, writes it, waits for the queue to drain, reads the next. */
    private final class Export {
        private final RoutingContext ctx;
        private final Context context;
        private final String requestId;
        private final RecordFilter filter;

        Export(RoutingContext ctx, Context context, String requestId, RecordFilter filter) {
            this.ctx = ctx;
            this.context = context;
            this.requestId = requestId;
            this.filter = filter;
        }

        void read(PageRequest page, boolean first) {
            Future<RecordPage> answer;
            try {
                answer = within(queries.records(filter, page));
            } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
            }
            // A remote instance's answer may arrive on another thread; write on the request's own.
            answer.onComplete(result -> context.runOnContext(v -> {
                if (result.failed()) {
                    failed(result.cause(), first);
                } else {
                    write(result.result(), first);
                }
            }));
        }

        private void write(RecordPage page, boolean first) {
            HttpServerResponse response = ctx.response();
            if (response.closed()) {
                return; // the client went away: read no further
            }
            if (first) {
                start(response, page.totalNum());
            }
            if (page.records().isEmpty() || page.next() == null) {
                response.end(RecordCsv.rows(page.records()));
                return;
            }
            response.write(RecordCsv.rows(page.records()));
            Runnable next = () -> read(PageRequest.after(page.next(), PAGE_SIZE), false);
            if (response.writeQueueFull()) {
                response.drainHandler(v -> next.run());
            } else {
                next.run();
            }
        }

        private void failed(Throwable cause, boolean first) {
            if (first) {
                errors.fail(ctx, cause);
                return;
            }
            LOG.atWarn().setCause(cause).addKeyValue("requestId", requestId)
                    .log("CSV export stopped after its first rows; resetting the response");
            ctx.response().reset();
        }
    }

    private static HttpServerResponse start(HttpServerResponse response, long total) {
        response.setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, CSV + "; charset=utf-8; header=present")
                .putHeader("Content-Disposition", "attachment; filename=\"call-records.csv\"")
                .putHeader(TOTAL_HEADER, Long.toString(total))
                .write(RecordCsv.header());
        return response;
    }

    /** The app whose credentials the request carries, once they are valid and within the app's budget. */
    private long admitted(QueryParams params, RoutingContext ctx) {
        AuthResult auth = authenticator.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), params);
        if (auth instanceof AuthResult.Denied denied) {
            throw conventions.denied(denied);
        }
        long app = ((AuthResult.Granted) auth).sdkAppId();
        if (!limiter.tryAcquire(app)) {
            throw conventions.rateLimited(errors.route(), app);
        }
        return app;
    }

    /** A page that does not arrive within the timeout is unavailable (503, retry), as in the JSON listing. */
    private Future<RecordPage> within(Future<RecordPage> page) {
        return page.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).recover(e -> Future.failedFuture(
                e instanceof TimeoutException && e != page.cause() ? new QueryUnavailableException(
                        "the records did not arrive within " + timeout.toMillis() + " ms") : e));
    }

    /**
     * Whether the client prefers CSV to JSON: the first of them in its {@code Accept}, by quality, is
     * {@code text/csv}. Without {@code Accept}, or with {@code *}{@code /*}, the listing stays JSON.
     */
    static boolean prefersCsv(List<MIMEHeader> accept) {
        return accept.stream().sorted(Comparator.comparingDouble(MIMEHeader::weight).reversed())
                .map(h -> h.component() + "/" + h.subComponent())
                .filter(type -> type.equals(CSV) || type.equals("application/json") || type.equals("*/*"))
                .findFirst().map(CSV::equals).orElse(false);
    }
}
