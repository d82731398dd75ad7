package io.callstream.bench.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * HTTP load for the gateway benchmark: closed-loop (a fixed number of requests always outstanding, to find the
 * saturation throughput) and open-loop (a fixed arrival rate; latency is measured from when each request was due, so
 * a stalled server cannot hide its queueing — no coordinated omission).
 */
final class LoadGenerator implements AutoCloseable {

    /** One request: path with query, and body. */
    record Request(String uri, Buffer body) {
    }

    /** What a run measured. Latencies in microseconds. */
    record Result(long completed, long errors, long dropped, double seconds, org.HdrHistogram.Histogram latency) {
        double throughput() {
            return completed / seconds;
        }
    }

    private static final String OK = "{\"ErrorCode\":0,\"ErrorMessage\":\"Success\"}";

    private final Vertx vertx = Vertx.vertx();
    private final HttpClientAgent client;
    private final int port;
    private final List<Request> requests;

    LoadGenerator(int port, List<Request> requests, int connections) {
        this.port = port;
        this.requests = requests;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    Result closedLoop(int concurrency, Duration duration) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        long started = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            vertx.runOnContext(v -> loop(next, end, recorder, completed, errors, done));
        }
        done.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(completed.get(), errors.get(), 0, seconds, recorder.getIntervalHistogram());
    }

    private void loop(AtomicLong next, long end, Recorder recorder, AtomicLong completed, AtomicLong errors, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long sentAt = System.nanoTime();
        send(requests.get((int) (next.getAndIncrement() % requests.size())), ok -> {
            recorder.recordValue(Math.max(1, (System.nanoTime() - sentAt) / 1000));
            (ok ? completed : errors).incrementAndGet();
            loop(next, end, recorder, completed, errors, done);
        });
    }

    Result openLoop(double ratePerSecond, Duration duration, int maxOutstanding) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        long total = (long) (ratePerSecond * duration.toSeconds());
        long started = System.nanoTime();
        double intervalNanos = 1e9 / ratePerSecond;
        long[] issued = {0};
        CountDownLatch finished = new CountDownLatch(1);
        vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - started) / intervalNanos) + 1);
            while (issued[0] < due) {
                long intended = started + (long) (issued[0] * intervalNanos);
                issued[0]++;
                if (outstanding.incrementAndGet() > maxOutstanding) {
                    outstanding.decrementAndGet();
                    dropped.incrementAndGet();
                    continue;
                }
                send(requests.get((int) (issued[0] % requests.size())), ok -> {
                    outstanding.decrementAndGet();
                    recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
                    (ok ? completed : errors).incrementAndGet();
                });
            }
            if (issued[0] >= total) {
                vertx.cancelTimer(id);
                finished.countDown();
            }
        });
        finished.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(completed.get(), errors.get(), dropped.get(), seconds, recorder.getIntervalHistogram());
    }

    private void send(Request request, java.util.function.Consumer<Boolean> onDone) {
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                        .setURI(request.uri()).putHeader("Content-Type", "application/json"))
                .compose(req -> req.send(request.body()).compose(resp -> resp.body()))
                .onComplete(ar -> onDone.accept(ar.succeeded() && OK.equals(ar.result().toString())));
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
