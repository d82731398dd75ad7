package io.callstream.emulator.delivery;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs callbacks the way the vendor does (protocol §1.1, §1.4, §1.5): a delivery succeeds on HTTP 200 with
 * {@code {"ErrorCode":0}}; anything else (another ErrorCode, an HTTP error status, an unreadable answer, a connection
 * error or no answer within the timeout) is retried after the schedule's next wait, and once the schedule is spent
 * the callback is given up and counted.
 *
 * <p>Thread-safe: {@link #send} may be called from any thread. All bookkeeping runs on one Vert.x context, so the
 * concurrency limit needs no locks.
 */
public final class CallbackSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

    private final SenderSettings settings;
    private final Vertx vertx;
    private final Context context;
    private final WebClient client;
    private final Queue<Job> waiting = new ArrayDeque<>();
    private int inFlight;
    private volatile boolean closed;
    private boolean clientClosed;

    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public CallbackSender(Vertx vertx, SenderSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.context = vertx.getOrCreateContext();
        this.client = WebClient.create(vertx, new WebClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setUserAgent("callstream-callkit-emulator"),
                new PoolOptions().setHttp1MaxSize(settings.concurrency()).setMaxWaitQueueSize(-1));
    }

    public SenderSettings settings() {
        return settings;
    }

    /** Delivers with the retry schedule. The future always succeeds: a callback given up is a result too. */
    public Future<DeliveryResult> send(String address, CallbackRequest request) {
        return submit(address, request, settings.retries());
    }

    /** One attempt, no retry: for requests that are meant to be refused (fault injection). */
    public Future<DeliveryResult> sendOnce(String address, CallbackRequest request) {
        return submit(address, request, RetrySchedule.NONE);
    }

    public DeliveryStats stats() {
        return new DeliveryStats(attempts.get(), acked.get(), retried.get(), givenUp.get(), refused.get());
    }

    /**
     * Stops sending and returns at once: requests in flight get their answers, and every delivery not acknowledged by
     * then ends unacknowledged instead of being retried (not counted as given up: nobody gave up on the receiver).
     * The HTTP client is closed once nothing is in flight (closing it earlier makes Vert.x throw at each late answer).
     */
    @Override
    public void close() {
        closed = true;
        context.runOnContext(v -> closeWhenIdle());
    }

    /** On the context, once closed. */
    private void closeWhenIdle() {
        for (Job job = waiting.poll(); job != null; job = waiting.poll()) {
            start(job);
        }
        if (inFlight == 0 && !clientClosed) {
            clientClosed = true;
            client.close();
        }
    }

    private Future<DeliveryResult> submit(String address, CallbackRequest request, RetrySchedule schedule) {
        Promise<DeliveryResult> promise = Promise.promise();
        Job job = new Job(request.url(address), Buffer.buffer(request.body()), schedule, promise);
        context.runOnContext(v -> start(job));
        return promise.future();
    }

    /** On the context: make the job's next attempt now, or queue it behind the requests in flight. */
    private void start(Job job) {
        if (closed) {
            job.promise.complete(new DeliveryResult(false, job.attempts, 0, null, "sender closed"));
            return;
        }
        if (inFlight >= settings.concurrency()) {
            waiting.add(job);
            return;
        }
        inFlight++;
        job.attempts++;
        attempts.incrementAndGet();
        client.postAbs(job.url)
                .putHeader("Content-Type", "application/json")
                .timeout(settings.requestTimeout().toMillis())
                .sendBuffer(job.body)
                .onComplete(ar -> {
                    inFlight--;
                    Job next = waiting.poll();
                    if (next != null) {
                        start(next);
                    }
                    answered(job, ar);
                    if (closed) {
                        closeWhenIdle();
                    }
                });
    }

    private void answered(Job job, AsyncResult<HttpResponse<Buffer>> ar) {
        Answer answer = Answer.of(ar);
        if (answer.acknowledged()) {
            acked.incrementAndGet();
            job.promise.complete(answer.result(true, job.attempts));
            return;
        }
        if (job.attempts < job.schedule.maxAttempts()) {
            retried.incrementAndGet();
            long waitMs = job.schedule.waitAfter(job.attempts).toMillis();
            if (waitMs == 0) {
                start(job);
            } else {
                vertx.setTimer(waitMs, id -> start(job));
            }
            return;
        }
        if (job.schedule.maxAttempts() == 1) {
            refused.incrementAndGet();
        } else {
            givenUp.incrementAndGet();
            LOG.atWarn().addKeyValue("url", job.url).addKeyValue("attempts", job.attempts)
                    .addKeyValue("httpStatus", answer.httpStatus()).addKeyValue("errorCode", answer.errorCode())
                    .addKeyValue("detail", answer.detail())
                    .log("callback given up after the last retry");
        }
        job.promise.complete(answer.result(false, job.attempts));
    }

    private static final class Job {
        final String url;
        final Buffer body;
        final RetrySchedule schedule;
        final Promise<DeliveryResult> promise;
        int attempts;

        Job(String url, Buffer body, RetrySchedule schedule, Promise<DeliveryResult> promise) {
            this.url = url;
            this.body = body;
            this.schedule = schedule;
            this.promise = promise;
        }
    }

    /** What one attempt got back, judged as the vendor judges it (§1.4, §1.5). */
    private record Answer(boolean acknowledged, int httpStatus, Integer errorCode, String detail) {

        static Answer of(AsyncResult<HttpResponse<Buffer>> ar) {
            if (ar.failed()) {
                return new Answer(false, 0, null, String.valueOf(ar.cause()));
            }
            HttpResponse<Buffer> response = ar.result();
            Integer code = null;
            String message = null;
            try {
                JsonObject body = response.body() == null ? null : new JsonObject(response.body());
                if (body != null && body.getValue("ErrorCode") instanceof Number n) {
                    code = n.intValue();
                    message = body.getString("ErrorMessage");
                }
            } catch (DecodeException | ClassCastException e) {
                message = "unreadable answer: " + e.getMessage();
            }
            boolean ok = response.statusCode() == 200 && code != null && code == 0;
            return new Answer(ok, response.statusCode(), code, message);
        }

        DeliveryResult result(boolean acknowledged, int attempts) {
            return new DeliveryResult(acknowledged, attempts, httpStatus, errorCode, detail);
        }
    }
}
