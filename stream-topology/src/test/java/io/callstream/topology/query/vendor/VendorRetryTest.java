package io.callstream.topology.query.vendor;

import static io.callstream.topology.query.vendor.VendorApiServer.APP;
import static io.callstream.topology.query.vendor.VendorApiServer.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.query.QueryUnavailableException;
import io.callstream.topology.query.TestRecords;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vendor APIs answer "101001, retry" to records that are unavailable however the failure comes wrapped, as the
 * analyst API does ({@code AnalystRetryTest}): both go through the same request pipeline.
 */
class VendorRetryTest {

    private static Vertx vertx;
    private static VendorApiServer api;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        api = new VendorApiServer(vertx, VendorApiServer.relaxed());
        api.queries.add(TestRecords.record(APP, "c1", NOW - 60).build());
    }

    @AfterAll
    static void stop() {
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    static Stream<Throwable> wrapped() {
        var unavailable = new QueryUnavailableException("rebalancing");
        return Stream.of(new CompletionException(unavailable), new ExecutionException(unavailable),
                new CompletionException(new ExecutionException(unavailable)));
    }

    @ParameterizedTest
    @MethodSource("wrapped")
    void aWrappedUnavailableIsRetryNotAFault(Throwable failure) {
        api.queries.failWith(() -> failure);
        for (String[] request : new String[][] {{GetRecordByCallId.PATH, "{\"callId\":\"c1\"}"},
                {V4GetRecordByFilter.PATH, "{}"}}) {
            VendorApiServer.Reply reply = api.post(request[0], request[1]);
            assertThat(reply.code()).isEqualTo(101001);
            assertThat(reply.message()).startsWith("internal error, retry: the records are not available right now");
        }
    }
}
