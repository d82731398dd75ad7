package io.callstream.emulator.config;

import io.callstream.schemas.CallbackCommand;
import io.callstream.service.RequestIds;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vendor's callback configuration API (protocol §2): {@code POST /v1/callback/set|get|update|delete}.
 *
 * <p>Every answer is HTTP 200 with {@code {"errorCode":..,"errorMessage":..,"requestId":"<32 hex>","data":..}}, the
 * request id also in {@code X-Request-Id}. Checks, in order: admin and UserSig ({@link AdminCheck}), the rate limit
 * per app and API (70005), the group-call package (50001), the body (70009), then the API's own: {@code set} and
 * {@code update} need an http(s) {@code address} and a non-empty {@code actions} of documented commands (70001);
 * {@code update} and {@code get} need an existing configuration (999); {@code delete} succeeds either way.
 */
public final class CallbackConfigApi {

    public static final String BASE_PATH = "/v1/callback/";
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CallbackConfigApi.class);

    private final CallbackConfigStore store;
    private final ConfigApiSettings settings;
    private final AdminCheck admin;
    private final PerSecondLimit limit;

    public CallbackConfigApi(CallbackConfigStore store, ConfigApiSettings settings) {
        this.store = store;
        this.settings = settings;
        this.admin = new AdminCheck(settings);
        this.limit = new PerSecondLimit(settings.ratePerSecond(), settings.clock());
    }

    public void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        for (String api : List.of("set", "get", "update", "delete")) {
            router.post(BASE_PATH + api).handler(body).handler(ctx -> handle(ctx, api));
        }
    }

    private void handle(RoutingContext ctx, String api) {
        String requestId = RequestIds.hex32();
        JsonObject envelope;
        try {
            Object data = answer(ctx, api);
            envelope = envelope(0, "Success", requestId, data);
        } catch (ConfigApiException e) {
            envelope = envelope(e.error().code(), e.getMessage(), requestId, "");
            LOG.atDebug().addKeyValue("requestId", requestId).addKeyValue("api", api)
                    .addKeyValue("errorCode", e.error().code()).log("callback configuration request refused: {}", e.getMessage());
        }
        ctx.response().setStatusCode(200)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("X-Request-Id", requestId)
                .end(envelope.encode());
    }

    private Object answer(RoutingContext ctx, String api) {
        long sdkAppId = admin.check(name -> ctx.queryParams().get(name));
        if (!limit.tryAcquire(sdkAppId + "/" + api)) {
            throw new ConfigApiException(ConfigApiError.RATE_LIMITED,
                    "over " + limit.perSecond() + " requests per second on v1/callback/" + api);
        }
        if (!settings.groupPackage()) {
            throw new ConfigApiException(ConfigApiError.NO_PACKAGE,
                    "the app needs the TUICallKit group-call package for this API");
        }
        JsonObject body = body(ctx.body().buffer());
        switch (api) {
            case "set" -> {
                CallbackConfig config = config(body);
                store.set(sdkAppId, config);
                LOG.atInfo().addKeyValue("sdkappid", sdkAppId).addKeyValue("address", config.address())
                        .addKeyValue("actions", config.actions()).log("callback configuration set");
                return config.address();
            }
            case "get" -> {
                CallbackConfig config = store.current(sdkAppId).orElseThrow(() -> new ConfigApiException(
                        ConfigApiError.NO_CONFIGURATION, "callback does not exist"));
                return new JsonObject().put("actions", new JsonArray(config.actions())).put("address", config.address());
            }
            case "update" -> {
                CallbackConfig config = config(body);
                if (!store.update(sdkAppId, config)) {
                    throw new ConfigApiException(ConfigApiError.NO_CONFIGURATION, "no configuration");
                }
                LOG.atInfo().addKeyValue("sdkappid", sdkAppId).addKeyValue("address", config.address())
                        .addKeyValue("actions", config.actions()).log("callback configuration updated");
                return config.address();
            }
            case "delete" -> {
                if (store.delete(sdkAppId)) {
                    LOG.atInfo().addKeyValue("sdkappid", sdkAppId).log("callback configuration deleted");
                }
                return "";
            }
            default -> throw new IllegalStateException("no such API: " + api);
        }
    }

    /** The body as an object; empty counts as {@code {}} (get and delete are documented with an empty body). */
    private static JsonObject body(Buffer buffer) {
        if (buffer == null || buffer.toString().isBlank()) {
            return new JsonObject();
        }
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(buffer);
            if (parsed instanceof JsonObject object) {
                return object;
            }
        } catch (DecodeException e) {
            // answered below
        }
        throw new ConfigApiException(ConfigApiError.UNPARSABLE_BODY, "the body must be a JSON object");
    }

    /** set/update: both fields required; the address http(s); every action a documented command. */
    private static CallbackConfig config(JsonObject body) {
        Object address = body.getValue("address");
        if (!(address instanceof String text) || text.isBlank()) {
            throw invalid("address is required");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || !hasHost(text)) {
            throw invalid("address must start with http or https");
        }
        Object actions = body.getValue("actions");
        if (!(actions instanceof JsonArray array) || array.isEmpty()) {
            throw invalid("actions is required: a non-empty array of callback commands");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Object action : array) {
            if (!(action instanceof String name) || CallbackCommand.fromWireName(name).isEmpty()
                    || !CallbackCommand.documented().contains(CallbackCommand.fromWireName(name).get())) {
                throw invalid("unknown action " + action + "; actions are the 25 callback commands");
            }
            names.add(name);
        }
        return new CallbackConfig(text, new ArrayList<>(names));
    }

    private static boolean hasHost(String address) {
        try {
            return URI.create(address).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ConfigApiException invalid(String message) {
        return new ConfigApiException(ConfigApiError.INVALID_PARAMETER, message);
    }

    private static JsonObject envelope(int code, String message, String requestId, Object data) {
        return new JsonObject().put("errorCode", code).put("errorMessage", message).put("requestId", requestId)
                .put("data", data);
    }
}
