package io.callstream.gateway.publish;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends records to Kafka without ever blocking a Vert.x event loop, and bounds what is in flight.
 *
 * <p>{@code KafkaProducer.send} can block (waiting for metadata, or for buffer space while the broker is away), so it
 * runs on one dedicated sender thread. Its acknowledgement comes back on the producer's I/O thread and is handed to the
 * caller's context. At most {@code maxInFlight} records may be unacknowledged; beyond that {@link #publish} fails at
 * once with {@link BusyException}, so overload is answered fast instead of queueing without limit.
 */
public final class CallbackPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService sender;

    public CallbackPublisher(Producer<String, byte[]> producer, int maxInFlight) {
        this.producer = producer;
        this.maxInFlight = maxInFlight;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "callstream-kafka-sender");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Thrown (as the future's failure) when {@code maxInFlight} records already wait for their acknowledgement. */
    public static final class BusyException extends RuntimeException {
        BusyException(int limit) {
            super(limit + " callbacks already wait for Kafka", null, false, false);
        }
    }

    /**
     * Sends the record; the future completes on {@code context} when the broker has acknowledged it (acks=all), or
     * fails with the producer's error. The caller bounds the wait ({@link Future#timeout}).
     */
    public Future<RecordMetadata> publish(ProducerRecord<String, byte[]> record, Context context) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return Future.failedFuture(new BusyException(maxInFlight));
        }
        Promise<RecordMetadata> promise = Promise.promise();
        try {
            sender.execute(() -> send(record, context, promise));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            return Future.failedFuture(new IllegalStateException("the gateway is shutting down", e));
        }
        return promise.future();
    }

    private void send(ProducerRecord<String, byte[]> record, Context context, Promise<RecordMetadata> promise) {
        try {
            producer.send(record, (metadata, error) -> {
                inFlight.decrementAndGet();
                context.runOnContext(v -> {
                    if (error == null) {
                        promise.tryComplete(metadata);
                    } else {
                        promise.tryFail(error);
                    }
                });
            });
        } catch (RuntimeException e) {
            // send() itself failed: serialization, buffer exhausted after max.block.ms, producer closed.
            inFlight.decrementAndGet();
            context.runOnContext(v -> promise.tryFail(e));
        }
    }

    /** Records handed to the producer and not yet acknowledged. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Stops taking records, sends what was taken, and waits up to {@code timeout} for their acknowledgements. */
    public void drain(Duration timeout) throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        producer.flush();
    }

    @Override
    public void close() {
        sender.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
