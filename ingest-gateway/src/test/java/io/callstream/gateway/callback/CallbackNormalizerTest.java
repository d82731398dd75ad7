package io.callstream.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.EventKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallbackNormalizerTest {

    private static final String SEED_EVENT = """
            {"UserId":"Alice","RoomId":"Alice's Room","TotalNum":2,"MediaType":"audio","CallType":"single",
             "CallId":"aheahfo-eqwnknoihfsd-qweqf","Role":"caller","Event":"start_call","CallResult":"",
             "EventTime":1704695566,"StartCallTs":1704856873,"AcceptTs":1704856876,"EndTs":1704856885}""";

    private static CallbackQuery query(String command) {
        Map<String, String> params = command == null
                ? Map.of("sdkappid", "8888888", "clientip", "127.0.0.1", "optplatform", "iOS")
                : Map.of("sdkappid", "8888888", "command", command, "clientip", "127.0.0.1", "optplatform", "iOS");
        return CallbackQuery.from(params::get, "sdkappid=8888888&command=" + command);
    }

    private static Normalized normalize(String command, String body) {
        return CallbackNormalizer.normalize(8888888L, query(command), body.getBytes(StandardCharsets.UTF_8), 42L);
    }

    private static CallEvent accepted(String command, String body) {
        Normalized n = normalize(command, body);
        assertThat(n).isInstanceOf(Normalized.Accepted.class);
        return ((Normalized.Accepted) n).event();
    }

    private static Normalized.Malformed malformed(String command, String body) {
        Normalized n = normalize(command, body);
        assertThat(n).isInstanceOf(Normalized.Malformed.class);
        return (Normalized.Malformed) n;
    }

    @Test
    void normalizesTheSeedEventCallbackKeepingEveryField() {
        CallEvent e = accepted("caller_start_call", SEED_EVENT);

        assertThat(e.getSdkAppId()).isEqualTo(8888888L);
        assertThat(e.getCommand()).isEqualTo("caller_start_call");
        assertThat(e.getKind()).isEqualTo(EventKind.event);
        assertThat(e.getCallId()).isEqualTo("aheahfo-eqwnknoihfsd-qweqf");
        assertThat(e.getUserId()).isEqualTo("Alice");
        assertThat(e.getRoomId()).isEqualTo("Alice's Room");
        assertThat(e.getTotalNum()).isEqualTo(2);
        assertThat(e.getMediaType()).isEqualTo("audio");
        assertThat(e.getCallType()).isEqualTo("single");
        assertThat(e.getRole()).isEqualTo("caller");
        assertThat(e.getEvent()).isEqualTo("start_call");
        assertThat(e.getCallResult()).as("empty CallResult is unknown").isNull();
        assertThat(e.getEventTime()).isEqualTo(1704695566L);
        assertThat(e.getStartCallTs()).isEqualTo(1704856873L);
        assertThat(e.getAcceptTs()).isEqualTo(1704856876L);
        assertThat(e.getEndTs()).isEqualTo(1704856885L);
        assertThat(e.getClientIp()).isEqualTo("127.0.0.1");
        assertThat(e.getPlatform()).isEqualTo("iOS");
        assertThat(e.getReceivedAtMs()).isEqualTo(42L);
        assertThat(StandardCharsets.UTF_8.decode(e.getRawBody()).toString()).isEqualTo(SEED_EVENT);
    }

    @Test
    void absentEmptyAndZeroAreUnknown() {
        CallEvent e = accepted("normal_end", """
                {"CallId":"c1","UserId":"","TotalNum":0,"EventTime":0,"StartCallTs":"","AcceptTs":null}""");

        assertThat(e.getUserId()).isNull();
        assertThat(e.getTotalNum()).isNull();
        assertThat(e.getEventTime()).isNull();
        assertThat(e.getStartCallTs()).isNull();
        assertThat(e.getAcceptTs()).isNull();
        assertThat(e.getEndTs()).isNull();
        assertThat(e.getMediaType()).isNull();
    }

    @Test
    void acceptsNumbersAsStringsAndIdsAsNumbers() {
        CallEvent e = accepted("callee_accept_call", """
                {"CallId":12345,"RoomId":987654,"EventTime":"1704695566","TotalNum":"3"}""");

        assertThat(e.getCallId()).isEqualTo("12345");
        assertThat(e.getRoomId()).isEqualTo("987654");
        assertThat(e.getEventTime()).isEqualTo(1704695566L);
        assertThat(e.getTotalNum()).isEqualTo(3);
    }

    @Test
    void classifiesCommands() {
        assertThat(accepted("normal_end", "{\"CallId\":\"c\"}").getKind()).isEqualTo(EventKind.status);
        assertThat(accepted("call_end", "{\"CallId\":\"c\"}").getKind()).as("note N1").isEqualTo(EventKind.status);
        assertThat(accepted("join_in_group_call", "{\"CallId\":\"c\"}").getKind()).isEqualTo(EventKind.event);
        assertThat(accepted("caller_hologram_started", "{\"CallId\":\"c\"}").getKind()).isEqualTo(EventKind.unknown);
    }

    @Test
    void readsTheMisspeltPlatformParameter() {
        CallbackQuery q = CallbackQuery.from(Map.of("sdkappid", "888888", "command", "call_end", "optplatfrom", "iOS")::get, "");

        assertThat(q.platform()).isEqualTo("iOS");
        assertThat(q.sdkAppId()).contains(888888L);
    }

    @Test
    void aNonNumericAppIdIsNoAppId() {
        assertThat(CallbackQuery.from(Map.of("sdkappid", "88x")::get, "").sdkAppId()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all           | invalid_json",
            "{\"CallId\":\"c\"         | invalid_json",
            "{\"CallId\":\"c\"} trailing | invalid_json",
            "[1,2,3]                   | not_an_object",
            "\"a string\"              | not_an_object",
            "''                        | not_an_object",
            "{\"UserId\":\"Alice\"}    | missing_call_id",
            "{\"CallId\":\"\"}         | missing_call_id",
    })
    void malformedBodiesSayWhy(String body, String category) {
        assertThat(malformed("caller_start_call", body.equals("''") ? "" : body).category()).isEqualTo(category);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"CallId\":\"c\",\"EventTime\":\"yesterday\"} | EventTime must be a Unix time in seconds",
            "{\"CallId\":\"c\",\"TotalNum\":{\"n\":2}}       | TotalNum must be an integer",
            "{\"CallId\":\"c\",\"UserId\":[\"a\"]}           | UserId must be a string",
            "{\"CallId\":\"c\",\"EventTime\":-5}            | EventTime must not be negative",
            "{\"CallId\":\"c\",\"TotalNum\":99999999999}    | TotalNum is out of range",
            "{\"CallId\":\"c\",\"EndTs\":1.5}               | EndTs must be a Unix time in seconds",
    })
    void wrongFieldTypesAreMalformedAndNameTheField(String body, String reason) {
        Normalized.Malformed m = malformed("caller_call_end", body);

        assertThat(m.category()).isEqualTo("wrong_type");
        assertThat(m.reason()).contains(reason);
        assertThat(m.callId()).as("the dead letter is still keyed by call").isEqualTo("c");
    }

    @Test
    void aMissingCommandIsMalformed() {
        assertThat(malformed(null, "{\"CallId\":\"c\"}").category()).isEqualTo("missing_command");
    }
}
