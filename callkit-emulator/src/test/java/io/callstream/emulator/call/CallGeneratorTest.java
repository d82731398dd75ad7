package io.callstream.emulator.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallbackCommand;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CallGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<CallStory> CALLS = new CallGenerator(GeneratorSettings.defaults().withSeed(7)).generate(2000);

    @Test
    void theSameSeedGivesTheSameCallsByteForByte() {
        List<CallStory> again = new CallGenerator(GeneratorSettings.defaults().withSeed(7)).generate(2000);
        assertThat(again).isEqualTo(CALLS);
        assertThat(bodies(again)).isEqualTo(bodies(CALLS));
        List<CallStory> other = new CallGenerator(GeneratorSettings.defaults().withSeed(8)).generate(2000);
        assertThat(other.get(0).callId()).isNotEqualTo(CALLS.get(0).callId());
    }

    @Test
    void everyResultEveryPlatformAndBothMediaTypesAppear() {
        assertThat(CALLS.stream().map(CallStory::intendedResult).collect(Collectors.toSet()))
                .containsAll(EnumSet.complementOf(EnumSet.of(CallResult.unknown)));
        assertThat(CALLS.stream().flatMap(s -> s.callbacks().stream()).map(Callback::platform).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Platform.values());
        assertThat(CALLS.stream().map(CallStory::mediaType).collect(Collectors.toSet())).containsExactlyInAnyOrder("audio", "video");
        assertThat(CALLS.stream().filter(CallStory::isGroup).count()).isBetween(300L, 500L);
        assertThat(CALLS).noneMatch(CallStory::leftOpen);
    }

    @Test
    void everyCommandIsUsedAndGroupCallsInviteJoinLeaveAndRejoin() {
        Set<CallbackCommand> used = CALLS.stream().flatMap(s -> s.callbacks().stream()).map(Callback::command)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CallbackCommand.class)));
        assertThat(used).containsAll(CallbackCommand.documented());
        boolean someoneRejoined = CALLS.stream().filter(CallStory::isGroup).anyMatch(s -> s.presence().stream()
                .collect(Collectors.groupingBy(Presence::userId, Collectors.counting())).values().stream().anyMatch(n -> n > 1));
        assertThat(someoneRejoined).isTrue();
    }

    @Test
    void callbacksAreShapedAsTheProtocolSays() throws Exception {
        for (CallStory story : CALLS.subList(0, 300)) {
            for (Callback c : story.callbacks()) {
                JsonNode body = JSON.readTree(c.body());
                Map<String, String> query = Arrays.stream(c.query().split("&")).map(p -> p.split("=", 2))
                        .collect(Collectors.toMap(p -> p[0], p -> p[1]));
                assertThat(query).containsEntry("sdkappid", "1400000001").containsEntry("command", c.command().wireName())
                        .containsEntry("contenttype", "json").containsKeys("clientip", "optplatform");
                assertThat(body.get("CallId").asText()).isEqualTo(story.callId());
                assertThat(body.get("EventTime").isIntegralNumber()).isTrue();
                assertThat(body.get("TotalNum").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(body.get("Role").asText()).isIn("caller", "callee");
                if (c.isStatus()) {
                    assertThat(body.has("Event")).isFalse();
                    assertThat(body.get("CallResult").asText()).isEqualTo(c.command().wireName());
                    assertThat(body.has("AcceptTs")).isEqualTo(c.command() == CallbackCommand.NORMAL_END);
                    assertThat(body.get("UserId").asText()).isEqualTo(story.caller().userId());
                } else {
                    assertThat(body.get("Event").asText()).isEqualTo(c.command().wireName().replaceFirst("^(caller|callee)_", ""));
                    assertThat(body.get("CallType").asText()).isEqualTo(story.callType());
                    assertThat(body.has("StartCallTs")).isFalse();
                }
            }
        }
    }

    @Test
    void storiesAreConsistent() {
        for (CallStory s : CALLS) {
            assertThat(s.callbacks()).extracting(Callback::eventTime).isSorted();
            assertThat(s.callbacks().get(0).command()).isEqualTo(CallbackCommand.CALLER_START_CALL);
            assertThat(s.callbacks().get(0).eventTime()).isEqualTo(s.startTs());
            assertThat(s.callbacks().stream().map(Callback::identity).distinct().count()).isEqualTo(s.callbacks().size());
            if (s.acceptTs() > 0) {
                assertThat(s.acceptTs()).isGreaterThan(s.startTs());
                assertThat(s.endTs()).isGreaterThan(s.acceptTs());
                assertThat(s.presence()).allMatch(p -> p.joinTs() >= s.acceptTs() && p.leaveTs() > p.joinTs()
                        && p.leaveTs() <= s.endTs());
            } else {
                assertThat(s.presence()).isEmpty();
                assertThat(s.intendedResult()).isNotEqualTo(CallResult.normal_end);
            }
            assertThat(s.callbacks()).allMatch(c -> c.eventTime() <= s.endTs());
        }
        // Poisson arrivals at 5 calls/s: 2000 calls span about 400 s.
        long span = CALLS.get(CALLS.size() - 1).startTs() - CALLS.get(0).startTs();
        assertThat(span).isBetween(300L, 500L);
    }

    @Test
    void openCallsAreAcceptedAndNeverEnded() {
        List<CallStory> calls = new CallGenerator(GeneratorSettings.defaults().withGroupShare(0).withOpenShare(0.5)).generate(200);
        List<CallStory> open = calls.stream().filter(CallStory::leftOpen).toList();
        assertThat(open).hasSizeBetween(60, 140).allMatch(s -> s.acceptTs() > 0 && s.endTs() == null);
        assertThat(open).allMatch(s -> s.callbacks().stream().noneMatch(c -> c.isStatus()
                || c.command().wireName().endsWith("_end")));
    }

    @Test
    void generateForSpanStopsAtTheSpan() {
        GeneratorSettings settings = GeneratorSettings.defaults().withCallsPerSecond(2);
        List<CallStory> calls = new CallGenerator(settings).generateFor(java.time.Duration.ofMinutes(1));
        assertThat(calls).isNotEmpty().allMatch(s -> s.startTs() < settings.startEpochSecond() + 60);
        assertThat(calls.size()).isBetween(80, 160);
    }

    private static List<String> bodies(List<CallStory> calls) {
        Function<Callback, String> text = c -> c.query() + " " + new String(c.body(), java.nio.charset.StandardCharsets.UTF_8);
        return calls.stream().flatMap(s -> s.callbacks().stream()).map(text).toList();
    }
}
