package io.callstream.gateway.publish;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records to Kafka from a Vert.x event loop without ever blocking it, and bounds what is in flight.
 *
 * <p>{@code KafkaProducer.send} waits only for topic metadata and for buffer space, both up to {@code max.block.ms}.
 * The gateway runs its producer with {@code max.block.ms=0}, so instead of waiting, {@code send} fails at once; that
 * failure is answered like any other ("not stored, retry"), which is what the sender's retry schedule is for. Metadata
 * is fetched before the gateway starts listening ({@link #warmUp}), so in the normal case nothing fails.
 *
 * <p>At most {@code maxInFlight} records may be unacknowledged; beyond that {@link #publish} fails at once with
 * {@link BusyException}, so overload is answered fast instead of queueing without limit.
 */
public final class CallbackPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackPublisher.class);

    private final Producer<String, byte[]> producer;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    public CallbackPublisher(Producer<String, byte[]> producer, int maxInFlight) {
        this.producer = producer;
        this.maxInFlight = maxInFlight;
    }

    /** Thrown (as the future's failure) when {@code maxInFlight} records already wait for their acknowledgement. */
    public static final class BusyException extends RuntimeException {
        BusyException(int limit) {
            super(limit + " callbacks already wait for Kafka", null, false, false);
        }
    }

    /**
     * Asks for the topics' metadata until it arrives or {@code timeout} passes. With {@code max.block.ms=0} each
     * attempt returns at once (and starts a fetch), so this polls. Called once, before serving.
     */
    public boolean warmUp(List<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String topic : topics) {
            while (true) {
                try {
                    producer.partitionsFor(topic);
                    break;
                } catch (KafkaException e) {
                    if (System.nanoTime() > deadline) {
                        LOG.atWarn().addKeyValue("topic", topic).addKeyValue("error", e.toString())
                                .log("no metadata yet; callbacks are refused until Kafka answers");
                        return false;
                    }
                    sleep(100);
                }
            }
        }
        return true;
    }

    /**
     * Sends the record; the future completes on {@code context} when the broker has acknowledged it (acks=all), or
     * fails with the producer's error. The caller bounds the wait ({@link Future#timeout}).
     */
    public Future<RecordMetadata> publish(ProducerRecord<String, byte[]> record, Context context) {
        if (closed.get()) {
            return Future.failedFuture(new IllegalStateException("the gateway is shutting down"));
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return Future.failedFuture(new BusyException(maxInFlight));
        }
        Promise<RecordMetadata> promise = Promise.promise();
        try {
            producer.send(record, (metadata, error) -> {
                inFlight.decrementAndGet();
                // The producer's I/O thread calls back; the answer is written on the request's event loop.
                context.runOnContext(v -> {
                    if (error == null) {
                        promise.tryComplete(metadata);
                    } else {
                        promise.tryFail(error);
                    }
                });
            });
        } catch (RuntimeException e) {
            // No metadata or no buffer space (max.block.ms=0), a record too large, or a closed producer.
            inFlight.decrementAndGet();
            promise.tryFail(e);
        }
        return promise.future();
    }

    /** Records handed to the producer and not yet acknowledged. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Stops taking records and waits up to {@code timeout} for those in flight to be acknowledged. */
    public void drain(Duration timeout) {
        closed.set(true);
        long deadline = System.nanoTime() + timeout.toNanos();
        producer.flush(); // returns once every sent record completed, acknowledged or failed
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.set(true);
        producer.close(Duration.ofSeconds(5));
    }
}
