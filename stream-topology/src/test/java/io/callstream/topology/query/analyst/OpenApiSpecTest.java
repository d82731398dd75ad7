package io.callstream.topology.query.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallScope;
import io.callstream.schemas.Participant;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.auth.SignatureCheck;
import io.callstream.topology.query.local.StoreLookup;
import io.callstream.topology.query.stats.DriverStatsQueries;
import io.callstream.topology.query.stats.StatsQueries;
import io.callstream.topology.stats.StatsZone;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml is valid OpenAPI, and says what the code does: the same routes, parameters, fields and error codes;
 * the statistics' schemas and examples are checked against real answers ({@link StatsScenario}).
 */
class OpenApiSpecTest {

    private static final Path SPEC = Path.of("../docs/openapi.yaml");
    /** The credentials every analyst endpoint takes, documented as parameters of their own. */
    private static final Set<String> CREDENTIALS = Set.of("sdkappid", "identifier");
    /**
     * Answers the examples do not show, so that every documented field is seen in a real answer: a daily range that
     * reaches one day past the retention (fromClamped), days of a scope without calls, the other scopes.
     */
    private static final List<String> MORE_STATS_REQUESTS = List.of(
            "/api/v1/stats/daily?from=2025-11-22&to=2026-11-22",
            "/api/v1/stats/daily?scope=group",
            "/api/v1/stats/daily?scope=single&from=2026-11-01",
            "/api/v1/concurrency?scope=group&granularity=day",
            "/api/v1/concurrency?scope=single",
            "/api/v1/concurrency/rolling?hours=2",
            "/api/v1/concurrency/rolling?minutes=1");

    private static SwaggerParseResult parsed;
    private static OpenAPI spec;
    private static Vertx vertx;
    private static StatsScenario scenario;

    @BeforeAll
    static void parse() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIV3Parser().readContents(Files.readString(SPEC), null, options);
        spec = parsed.getOpenAPI();
        vertx = Vertx.vertx();
        scenario = new StatsScenario();
    }

    @AfterAll
    static void close() {
        scenario.close();
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
        new AnalystRoutes(AnalystApiConfig.defaults(), new FakeRecordQueries(), noStats(),
                new AdminAuth(AdminAuth.DEFAULT_ADMIN_IDENTIFIER, (app, id, sig) -> SignatureCheck.Result.INVALID))
                .mount(router);
        Map<String, Set<String>> mounted = new TreeMap<>();
        for (Route route : router.getRoutes()) {
            String path = openApiPath(route.getPath());
            mounted.computeIfAbsent(path, p -> new TreeSet<>())
                    .addAll(route.methods().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        }
        Map<String, Set<String>> documented = new TreeMap<>();
        analystPaths().forEach(path -> documented.put(path, methods(spec.getPaths().get(path))));
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
        Set<String> codes = Arrays.stream(AnalystError.values()).map(e -> Integer.toString(e.code()))
                .collect(Collectors.toSet());
        assertThat(schema("Error").getProperties().get("errorCode").getEnum().stream().map(String::valueOf)
                .collect(Collectors.toSet())).isEqualTo(codes);
    }

    @Test
    void theAnalystParametersAreTheEndpointsOwn() {
        Map<String, Set<String>> accepted = new TreeMap<>();
        Map<String, Set<String>> documented = new TreeMap<>();
        for (AnalystEndpoint endpoint : endpoints()) {
            String path = openApiPath(endpoint.path());
            accepted.put(path, new TreeSet<>(endpoint.parameters()));
            Set<String> names = queryParameters(path).stream().map(Parameter::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(names).as(path + " documents the credentials").containsAll(CREDENTIALS);
            names.removeAll(CREDENTIALS);
            documented.put(path, names);
        }
        assertThat(documented.keySet()).as("every analyst path").isEqualTo(analystPaths());
        assertThat(documented).isEqualTo(accepted);
    }

    @Test
    void theStatisticsEnumsAndLimitsAreTheCodes() {
        List<String> scopes = Arrays.stream(CallScope.values()).map(Enum::name).toList();
        List<String> withOverview = Stream.concat(scopes.stream(), Stream.of(StatsParams.OVERVIEW)).toList();
        List<String> granularities = Arrays.stream(WindowGranularity.values()).map(Enum::name).toList();
        assertThat(enumOf(parameter("Scope").getSchema())).isEqualTo(scopes);
        assertThat(enumOf(schema("DailyStatsAnswer").getProperties().get("scope"))).isEqualTo(scopes);
        assertThat(enumOf(parameter("WindowScope").getSchema())).isEqualTo(withOverview);
        assertThat(enumOf(schema("ConcurrencyWindows").getProperties().get("scope"))).isEqualTo(withOverview);
        assertThat(enumOf(parameter("Granularity").getSchema())).isEqualTo(granularities);
        assertThat(enumOf(schema("ConcurrencyWindows").getProperties().get("granularity"))).isEqualTo(granularities);
        assertThat(properties("LiveCounts")).isEqualTo(new TreeSet<>(scopes));
        assertThat(properties("Peaks")).isEqualTo(new TreeSet<>(withOverview));

        assertThat(parameter("Minutes").getSchema().getMaximum().intValue()).isEqualTo(GetRollingConcurrency.MAX_MINUTES);
        assertThat(parameter("Hours").getSchema().getMaximum().intValue()).isEqualTo(GetRollingConcurrency.MAX_MINUTES / 60);
        assertThat(operation("/api/v1/concurrency").getDescription()).contains(thousands(ListConcurrency.MAX_WINDOWS));
        assertThat(operation("/api/v1/concurrency/rolling").getDescription())
                .contains(thousands(GetRollingConcurrency.MAX_MINUTES));
        assertThat(operation("/api/v1/stats/daily").getDescription()).contains(thousands(ListDailyStats.MAX_DAYS));
        assertThat(parameter("DayFrom").getDescription()).contains("minus " + (ListDailyStats.DEFAULT_DAYS - 1) + " days");
    }

    @Test
    void theStatisticsExamplesAreRealAnswers() {
        Map<String, Example> examples = statsExamples();
        assertThat(examples).isNotEmpty();
        examples.forEach((name, example) -> {
            String request = String.valueOf(example.getExtensions().get("x-request"));
            AnalystApiServer.Response response = scenario.get(request);
            assertThat(response.status()).as(name + ": " + request + " -> " + response).isEqualTo(200);
            assertThat(response.json()).as(name + ": " + request).isEqualTo(asJson(example.getValue()));
        });
    }

    @Test
    void theStatisticsSchemasAreTheFieldsOfRealAnswers() {
        List<String> requests = new ArrayList<>();
        statsExamples().values().forEach(e -> requests.add(String.valueOf(e.getExtensions().get("x-request"))));
        requests.addAll(MORE_STATS_REQUESTS);
        Map<String, Set<String>> seen = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String request : requests) {
            String path = request.contains("?") ? request.substring(0, request.indexOf('?')) : request;
            AnalystApiServer.Response response = scenario.get(request);
            assertThat(response.status()).as(request + " -> " + response).isEqualTo(200);
            match(request, response.json(), okSchema(path), false, seen, problems);
        }
        for (String path : statsPaths()) { // no call: no window, no day, no peak
            AnalystApiServer.Response response = scenario.getForAppWithoutCalls(path);
            assertThat(response.status()).as("without calls: " + path + " -> " + response).isEqualTo(200);
            match("without calls: " + path, response.json(), okSchema(path), false, seen, problems);
        }
        assertThat(problems).as("answers that do not fit their schema").isEmpty();
        Map<String, Set<String>> documented = new TreeMap<>();
        seen.keySet().forEach(name -> documented.put(name, properties(name)));
        assertThat(seen).as("the fields of real answers, per schema").isEqualTo(documented);
        assertThat(seen).containsKeys("ConcurrencyWindows", "ConcurrencyWindow", "LiveConcurrency", "RollingConcurrency",
                "Peak", "Peaks", "DailyStatsAnswer", "DailyStatsDay", "DailyStatsTotals", "StatsOverview", "StatsPeriod",
                "LiveCounts");
    }

    private static Set<String> methods(PathItem item) {
        return item.readOperationsMap().keySet().stream().map(m -> m.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Statistics that no test reads: only the routes and their parameters are looked at. */
    private static StatsQueries noStats() {
        return DriverStatsQueries.over(new StoreLookup() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
                throw new IllegalStateException("no store is read: only the routes are listed");
            }
        }, StatsZone.UTC, Clock.systemUTC(), Duration.ofDays(7));
    }

    /** Every analyst endpoint, as {@link AnalystRoutes} mounts them. */
    private static List<AnalystEndpoint> endpoints() {
        return new AnalystRoutes(AnalystApiConfig.defaults(), new FakeRecordQueries(), noStats(),
                new AdminAuth(AdminAuth.DEFAULT_ADMIN_IDENTIFIER, (app, id, sig) -> SignatureCheck.Result.INVALID)).endpoints();
    }

    private static String openApiPath(String vertxPath) {
        // Vert.x writes a path parameter ":callId", OpenAPI "{callId}".
        return vertxPath.replaceAll(":(\\w+)", "{$1}");
    }

    private static Set<String> analystPaths() {
        return spec.getPaths().keySet().stream().filter(p -> p.startsWith("/api/"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The statistics' paths: the analyst paths that are not about records or calls. */
    private static List<String> statsPaths() {
        return analystPaths().stream().filter(p -> p.startsWith("/api/v1/concurrency") || p.startsWith("/api/v1/stats"))
                .toList();
    }

    private static Operation operation(String path) {
        return spec.getPaths().get(path).getGet();
    }

    private static List<Parameter> queryParameters(String path) {
        return operation(path).getParameters().stream().map(p -> p.get$ref() == null ? p
                : parameter(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1)))
                .filter(p -> p.getIn().equals("query")).toList();
    }

    private static Parameter parameter(String name) {
        return Objects.requireNonNull(spec.getComponents().getParameters().get(name), name);
    }

    private static Schema<?> okSchema(String path) {
        return operation(path).getResponses().get("200").getContent().get("application/json").getSchema();
    }

    /** The examples of every statistics path's answer, by name. */
    private static Map<String, Example> statsExamples() {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (String path : statsPaths()) {
            operation(path).getResponses().get("200").getContent().get("application/json").getExamples()
                    .forEach((name, e) -> {
                        Example example = e.get$ref() == null ? e
                                : spec.getComponents().getExamples().get(e.get$ref().substring(e.get$ref().lastIndexOf('/') + 1));
                        assertThat(example.getExtensions()).as(path + " example " + name + " names its request (x-request)")
                                .containsKey("x-request");
                        assertThat(String.valueOf(example.getExtensions().get("x-request"))).as(path + " example " + name)
                                .matches(java.util.regex.Pattern.quote(path) + "(\\?.*)?");
                        examples.put(path + " " + name, example);
                    });
        }
        return examples;
    }

    private static JsonObject asJson(Object exampleValue) {
        try {
            return new JsonObject(Json.mapper().writeValueAsString(exampleValue));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a value of a real answer against its schema, recursively: an object has no field its schema does not
     * list and every field it requires, a value has the schema's type, format (dates) and enum, null only where
     * nullable. Records the fields seen per named schema.
     */
    private static void match(String where, Object value, Schema<?> schema, boolean nullable,
                              Map<String, Set<String>> seen, List<String> problems) {
        String name = null;
        Schema<?> s = schema;
        while (true) {
            nullable |= Boolean.TRUE.equals(s.getNullable());
            if (s.get$ref() != null) {
                name = s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
                s = schema(name);
            } else if (s.getAllOf() != null && s.getAllOf().size() == 1) {
                s = s.getAllOf().get(0);
            } else {
                break;
            }
        }
        if (value == null) {
            if (!nullable) {
                problems.add(where + " is null, and not nullable");
            }
            return;
        }
        String type = s.getType() != null ? s.getType() : s.getProperties() != null ? "object" : null;
        switch (String.valueOf(type)) {
            case "object" -> {
                if (!(value instanceof JsonObject object)) {
                    problems.add(where + " is not an object: " + value);
                    return;
                }
                if (s.getProperties() != null) {
                    for (String field : object.fieldNames()) {
                        if (!s.getProperties().containsKey(field)) {
                            problems.add(where + "." + field + " is not in its schema " + name);
                        } else {
                            match(where + "." + field, object.getValue(field), s.getProperties().get(field), false, seen, problems);
                        }
                    }
                    for (String field : Objects.requireNonNullElse(s.getRequired(), List.<String>of())) {
                        if (!object.containsKey(field)) {
                            problems.add(where + "." + field + " is required by " + name + " and absent");
                        }
                    }
                    if (name != null) {
                        seen.computeIfAbsent(name, n -> new TreeSet<>()).addAll(object.fieldNames());
                    }
                } else if (s.getAdditionalProperties() instanceof Schema<?> values) {
                    object.forEach(e -> match(where + "." + e.getKey(), e.getValue(), values, false, seen, problems));
                } else {
                    problems.add(where + ": its schema lists no properties");
                }
            }
            case "array" -> {
                if (!(value instanceof JsonArray array)) {
                    problems.add(where + " is not an array: " + value);
                    return;
                }
                for (int i = 0; i < array.size(); i++) {
                    match(where + "[" + i + "]", array.getValue(i), s.getItems(), false, seen, problems);
                }
            }
            case "integer" -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    problems.add(where + " is not an integer: " + value);
                }
            }
            case "number" -> {
                if (!(value instanceof Number)) {
                    problems.add(where + " is not a number: " + value);
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    problems.add(where + " is not a boolean: " + value);
                }
            }
            case "string" -> {
                if (!(value instanceof String text)) {
                    problems.add(where + " is not a string: " + value);
                    return;
                }
                if ("date".equals(s.getFormat())) {
                    try {
                        LocalDate.parse(text);
                    } catch (DateTimeException e) {
                        problems.add(where + " is not a date: " + text);
                    }
                }
            }
            default -> problems.add(where + ": its schema has no type");
        }
        if (s.getEnum() != null && !enumOf(s).contains(String.valueOf(value))) {
            problems.add(where + " is " + value + ", not one of " + enumOf(s));
        }
    }

    private static List<String> enumOf(Schema<?> schema) {
        return schema.getEnum().stream().map(String::valueOf).toList();
    }

    private static String thousands(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static Schema<?> schema(String name) {
        return Objects.requireNonNull(spec.getComponents().getSchemas().get(name), name);
    }

    private static Set<String> properties(String name) {
        return new TreeSet<>(schema(name).getProperties().keySet());
    }

    private static Set<String> avroFields(org.apache.avro.Schema schema) {
        return schema.getFields().stream().map(org.apache.avro.Schema.Field::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
