package io.callstream.topology.query.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.topology.query.QueryUnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analyst API answers 503 "retry" to records that are unavailable however the failure comes wrapped, as the vendor
 * APIs answer 101001 "retry" ({@code VendorRetryTest}): both go through the same request pipeline.
 */
class AnalystRetryTest {

    static Stream<Throwable> wrapped() {
        var unavailable = new QueryUnavailableException("partition 3 is restoring");
        return Stream.of(new CompletionException(unavailable), new ExecutionException(unavailable),
                new CompletionException(new ExecutionException(unavailable)));
    }

    @ParameterizedTest
    @MethodSource("wrapped")
    void aWrappedUnavailableIsRetryNotAFault(Throwable failure) {
        try (AnalystApiServer api = AnalystApiServer.start()) {
            api.queries.failLaterWith(() -> failure);
            AnalystApiServer.Response response = api.get("/api/v1/records");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("1");
            assertThat(response.errorMessage()).contains("partition 3 is restoring", "retry after 1 s");
        }
    }
}
