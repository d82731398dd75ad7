package io.callstream.topology.query.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.Participant;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.auth.SignatureCheck;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.callstream.topology.query.StoreLookup;
import io.callstream.topology.query.stats.DriverStatsQueries;
import io.callstream.topology.stats.StatsZone;
import io.vertx.ext.web.Router;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml is valid OpenAPI, and says what the code does: the same routes, fields and error codes. */
class OpenApiSpecTest {

    private static final Path SPEC = Path.of("../docs/openapi.yaml");

    private static SwaggerParseResult parsed;
    private static OpenAPI spec;
    private static Vertx vertx;

    @BeforeAll
    static void parse() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readContents(Files.readString(SPEC), null, options);
        spec = parsed.getOpenAPI();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        vertx.close();
    }

    @Test
    void parsesWithoutMessages() {
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(spec).isNotNull();
        assertThat(spec.getOpenapi()).startsWith("3.");
    }

    @Test
    void theAnalystRoutesAreTheSpecsAnalystPaths() {
        Router router = Router.router(vertx);
        new AnalystRoutes(AnalystApiConfig.defaults(), new FakeRecordQueries(),
                new DriverStatsQueries(new StoreLookup() {
                    @Override
                    public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
                        throw new IllegalStateException("no store is read: only the routes are listed");
                    }
                }, StatsZone.UTC, java.time.Clock.systemUTC(), java.time.Duration.ofDays(7)),
                new AdminAuth(AdminAuth.DEFAULT_ADMIN_IDENTIFIER, (app, id, sig) -> SignatureCheck.Result.INVALID))
                .mount(router);
        Map<String, Set<String>> mounted = new TreeMap<>();
        for (Route route : router.getRoutes()) {
            // Vert.x writes a path parameter ":callId", OpenAPI "{callId}".
            String path = route.getPath().replaceAll(":(\\w+)", "{$1}");
            mounted.computeIfAbsent(path, p -> new TreeSet<>())
                    .addAll(route.methods().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        }
        Map<String, Set<String>> documented = new TreeMap<>();
        spec.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                documented.put(path, methods(item));
            }
        });
        assertThat(mounted).isNotEmpty().isEqualTo(documented);
    }

    @Test
    void theVendorPathsAreDocumented() {
        assertThat(spec.getPaths()).containsKeys("/v1/records/get_record_by_callId",
                "/v1/records/get_records_by_filter", "/v4/call_record_http_srv/get_record_by_filter");
        assertThat(spec.getPaths().get("/v1/records/get_records_by_filter").getPost().getRequestBody()).isNotNull();
    }

    @Test
    void theRecordSchemasAreTheAvroSchemas() {
        Set<String> recordFields = avroFields(CallRecord.getClassSchema());
        recordFields.add("state");
        assertThat(properties("CallRecord")).isEqualTo(recordFields);
        assertThat(new TreeSet<>(schema("CallRecord").getRequired())).isEqualTo(recordFields);
        assertThat(properties("Participant")).isEqualTo(avroFields(Participant.getClassSchema()));
        assertThat(schema("CallResult").getEnum().stream().map(String::valueOf).toList()).containsExactlyElementsOf(
                Arrays.stream(CallResult.values()).map(Enum::name).toList());
    }

    @Test
    void theErrorCodesAreTheApisOwn() {
        Set<String> codes = Arrays.stream(ApiError.values()).map(e -> Integer.toString(e.code()))
                .collect(Collectors.toSet());
        assertThat(schema("Error").getProperties().get("errorCode").getEnum().stream().map(String::valueOf)
                .collect(Collectors.toSet())).isEqualTo(codes);
    }

    private static Set<String> methods(PathItem item) {
        return item.readOperationsMap().keySet().stream().map(m -> m.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Schema<?> schema(String name) {
        return spec.getComponents().getSchemas().get(name);
    }

    private static Set<String> properties(String name) {
        return new TreeSet<>(schema(name).getProperties().keySet());
    }

    private static Set<String> avroFields(org.apache.avro.Schema schema) {
        return schema.getFields().stream().map(org.apache.avro.Schema.Field::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
