package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.Participant;
import io.callstream.service.Metrics;
import io.callstream.service.usersig.UserSig;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.fold.CallRecordFolder;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.callstream.topology.record.CallScenarios;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium, against a real pipeline: an embedded broker, the Streams app, and calls
 * of the last hour whose records are known beforehand (folded in order, R3-R6), some still in progress. The page
 * signs in with the admin's UserSig from its link, shows the overview the statistics hold (R7, R8), narrows the table
 * to exactly the expected calls, pages through every record once, opens a group call's participants, exports the CSV
 * the API answers, and refuses a bad UserSig; the browser's console stays free of errors throughout. Screenshots of
 * each state are in {@code target/dashboard-screenshots/}.
 */
@WithKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final List<String> USERS = IntStream.range(0, 12).mapToObj(i -> "user-" + i).toList();
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Duration UI_WAIT = Duration.ofSeconds(20);

    private static QueryInstances instances;
    private static Metrics metrics;
    private static StreamsApp app;
    private static ChromeDriver browser;
    private static Path downloads;
    private static final List<String> openCalls = new ArrayList<>();
    private static final long NOW = Instant.now().getEpochSecond();

    @BeforeAll
    static void start(KafkaCluster kafka) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        downloads = Files.createTempDirectory("dashboard-downloads");
        browser = HeadlessChromium.start(downloads);
        instances = new QueryInstances(kafka, 0, 0);
        CallScenarios scenarios = new CallScenarios(new Random(19), USERS);
        Random random = new Random(20);
        for (int i = 0; i < 70; i++) {
            CallScenarios.Scenario s = scenarios.next();
            // Finished calls ended before now (the longest lasts under 11 minutes); open ones were accepted already.
            s = s.complete() ? s.startingAt(NOW - 700 - random.nextInt(2_400)) : s.startingAt(NOW - 60 - random.nextInt(300));
            instances.calls.put(s.callId(), s.facts());
            CallRecordFolder.Folded folded = CallRecordFolder.fold(QueryInstances.APP, s.callId(), s.facts(), false);
            if (folded.complete()) {
                instances.expected.put(s.callId(), folded.record());
            } else {
                openCalls.add(s.callId());
            }
        }
        metrics = new Metrics("dashboard-it");
        app = instances.start(metrics);
        await().atMost(Duration.ofSeconds(90)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING
                && QueryInstances.activeTasks(app) == QueryInstances.TASKS);
        instances.produceAll();
        // A day's counts are current once it is published, its participants as of the last publication: wait for both.
        List<CallRecord> ofToday = expected(r -> day(r.getStartCallTs()).equals(LocalDate.now(ZoneOffset.UTC)));
        List<CallRecord> ofMonth = expected(r -> sameMonth(r.getStartCallTs()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                instances.analyst(app, "/api/v1/records?from=" + (NOW - 86_400) + "&limit=1").getLong("totalNum")
                        == instances.expected.size()
                        && settled(instances.analyst(app, "/api/v1/stats/overview"), ofToday, ofMonth));
    }

    private static boolean settled(JsonObject overview, List<CallRecord> ofToday, List<CallRecord> ofMonth) {
        JsonObject today = overview.getJsonObject("today");
        JsonObject month = overview.getJsonObject("thisMonth");
        return today.getLong("calls") == ofToday.size() && today.getLong("participants") == participants(ofToday)
                && month.getLong("calls") == ofMonth.size() && month.getLong("participants") == participants(ofMonth);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
            metrics.close();
        }
    }

    /** Every test leaves the console without an error: no failed script, no failed request. */
    @AfterEach
    void noConsoleErrors() {
        assertThat(HeadlessChromium.severeConsoleEntries(browser)).isEmpty();
    }

    // ---- the tests ----------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theSignInLinkOpensTheOverviewWithTheExpectedNumbers() throws Exception {
        signIn();
        waitFor("overview", "ready");
        // R8: recorded calls of the day and the month, their distinct participants; calls in progress are live.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<CallRecord> ofToday = expected(r -> day(r.getStartCallTs()).equals(today));
        assertThat(card("today-calls")).isEqualTo(Integer.toString(ofToday.size()));
        assertThat(card("today-participants")).isEqualTo(Integer.toString(participants(ofToday)));
        List<CallRecord> ofMonth = expected(r -> sameMonth(r.getStartCallTs()));
        assertThat(card("month-calls")).isEqualTo(Integer.toString(ofMonth.size()));
        assertThat(card("month-participants")).isEqualTo(Integer.toString(participants(ofMonth)));
        assertThat(card("live-all")).isEqualTo(Integer.toString(openCalls.size()));
        assertThat(card("live-group")).isEqualTo("0");
        // R7: the maximum concurrency figures are the API's, each in its own card.
        JsonObject overview = instances.analyst(app, "/api/v1/stats/overview");
        JsonObject max = overview.getJsonObject("today").getJsonObject("maxConcurrent");
        assertThat(card("today-max-single")).isEqualTo(max.getJsonObject("single").getInteger("maxConcurrent").toString());
        assertThat(card("today-max-group")).isEqualTo(max.getJsonObject("group").getInteger("maxConcurrent").toString());
        assertThat(card("today-max-overview")).isEqualTo(max.getInteger("overview").toString());
        assertThat(Integer.parseInt(card("today-max-overview"))).isPositive();
        // Times in the browser's zone, named; the UserSig left the address bar for the tab's session storage.
        String zone = (String) browser.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        assertThat(browser.findElement(By.id("zone-label")).getText()).isEqualTo("Times in " + zone);
        assertThat(browser.getCurrentUrl()).doesNotContain("usersig").endsWith("/dashboard/");
        assertThat(browser.executeScript("return sessionStorage.getItem('callstream.usersig')")).isNotNull();
        // The calls in progress are listed as such, above the 1v1 records.
        waitFor("records", "ready");
        assertThat(rowIds("#open-table")).containsExactlyInAnyOrderElementsOf(openCalls);
        assertThat(browser.findElements(By.cssSelector("#open-table tbody td.result")))
                .allSatisfy(td -> assertThat(td.getText()).isEqualTo("in progress"));
        waitFor("daily", "ready");
        waitFor("concurrency", "ready");
        screenshot("overview");
    }

    @Test
    @Order(2)
    void filtersNarrowTheTableToExactlyTheExpectedCalls() throws Exception {
        select("per-page", "50");
        select("result-filter", "reject");
        waitFor("records", "ready", "empty");
        assertThat(rowIds("#records-table")).containsExactlyElementsOf(
                ids(expected(r -> single(r) && r.getCallResult() == CallResult.reject)));
        screenshot("filtered-by-result");

        select("result-filter", "");
        String user = "user-3";
        type("search-userid", user);
        waitFor("records", "ready", "empty");
        List<String> withUser = ids(expected(r -> single(r) && involves(r, user)));
        assertThat(withUser).isNotEmpty();
        assertThat(rowIds("#records-table")).containsExactlyElementsOf(withUser);
        assertThat(browser.findElement(By.id("records-total")).getText()).isEqualTo(withUser.size() + " records");

        type("search-userid", "");
        type("search-callid", withUser.get(0));
        waitFor("records", "ready");
        assertThat(rowIds("#records-table")).containsExactly(withUser.get(0));
        type("search-callid", "");
        waitFor("records", "ready");
    }

    @Test
    @Order(3)
    void pagingWalksEveryRecordOnce() throws Exception {
        select("per-page", "10");
        waitFor("records", "ready");
        List<String> seen = new ArrayList<>();
        int page = 1;
        while (true) {
            seen.addAll(rowIds("#records-table"));
            WebElement next = browser.findElement(By.id("page-next"));
            if (!next.isEnabled()) {
                break;
            }
            next.click();
            int expectedPage = ++page;
            new WebDriverWait(browser, UI_WAIT).until(d -> d.findElement(By.id("records")).getAttribute("data-page")
                    .equals(Integer.toString(expectedPage)) && "ready".equals(d.findElement(By.id("records")).getAttribute("data-state")));
        }
        List<String> singles = ids(expected(DashboardBrowserIT::single));
        assertThat(page).isEqualTo((singles.size() + 9) / 10);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(singles);
        screenshot("last-page");
    }

    @Test
    @Order(4)
    void aGroupCallOpensWithItsParticipants() throws Exception {
        select("per-page", "10");
        browser.findElement(By.id("tab-group")).click();
        waitFor("records", "ready");
        List<String> groups = ids(expected(r -> !single(r)));
        assertThat(rowIds("#records-table")).containsExactlyElementsOf(groups.subList(0, Math.min(10, groups.size())));
        CallRecord call = instances.expected.get(groups.get(0));
        browser.findElement(By.cssSelector("#records-table tr[data-call-id='" + call.getCallId() + "']")).click();
        new WebDriverWait(browser, UI_WAIT).until(d -> d.findElement(By.id("detail")).isDisplayed());
        assertThat(browser.findElement(By.id("detail-call-id")).getText()).isEqualTo(call.getCallId());
        List<List<String>> shown = browser.findElements(By.cssSelector("#detail-participants tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
        assertThat(shown).hasSize(call.getParticipants().size());
        for (int i = 0; i < shown.size(); i++) {
            Participant p = call.getParticipants().get(i);
            assertThat(shown.get(i).get(0)).isEqualTo(p.getUserId());
            assertThat(shown.get(i).get(1)).isEqualTo(duration(p.getDurationSec()));
            assertThat(shown.get(i).get(2)).isEqualTo(p.getPlatform() == null ? "unknown" : p.getPlatform());
        }
        screenshot("group-call");
        browser.findElement(By.id("detail-close")).click();
    }

    @Test
    @Order(5)
    void theExportIsTheCsvOfTheApisRecords() throws Exception {
        select("per-page", "20");
        waitFor("records", "ready");
        browser.findElement(By.id("export-csv")).click();
        Path file = await().atMost(UI_WAIT).until(DashboardBrowserIT::downloaded, f -> f != null);
        // call-records-<type>-<from>-<to>.csv: the page's filter, asked of the API here as JSON.
        String[] name = file.getFileName().toString().replace(".csv", "").split("-");
        JsonObject api = instances.analyst(app, "/api/v1/records?callType=" + name[2] + "&from=" + name[3] + "&to="
                + name[4] + "&order=desc&limit=1000");
        List<String> lines = Arrays.asList(Files.readString(file).split("\r\n"));
        assertThat(lines.get(0)).startsWith("callId,callType,mediaType,startCallTs,acceptTs,endTs,durationSec,callResult,caller");
        List<JsonObject> records = api.getJsonArray("records").stream().map(JsonObject.class::cast).toList();
        assertThat(records).hasSize(ids(expected(r -> !single(r))).size());
        assertThat(lines).hasSize(records.size() + 1);
        for (int i = 0; i < records.size(); i++) {
            JsonObject r = records.get(i);
            String[] row = lines.get(i + 1).split(",", -1);
            assertThat(row).as(lines.get(i + 1)).startsWith(r.getString("callId"), r.getString("callType"),
                    r.getString("mediaType"), r.getLong("startCallTs").toString(), r.getLong("acceptTs").toString(),
                    r.getLong("endTs").toString(), r.getLong("durationSec").toString(), r.getString("callResult"),
                    r.getString("caller"));
        }
    }

    @Test
    @Order(6)
    void usableAtAPhonesWidth() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            await().atMost(UI_WAIT).until(() -> (Boolean) browser.executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth"));
            assertThat(browser.findElement(By.id("records-table")).isDisplayed()).isTrue();
            screenshot("phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @Order(7)
    void aBadUserSigIsRefusedOnThePage() throws Exception {
        browser.findElement(By.id("sign-out")).click();
        browser.get(baseUrl() + "/dashboard/#usersig=not-a-usersig");
        new WebDriverWait(browser, UI_WAIT).until(d -> d.findElement(By.id("signin-error")).isDisplayed());
        assertThat(browser.findElement(By.id("signin-error")).getText()).startsWith("The UserSig was refused (401, 70002)");
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
        assertThat(browser.executeScript("return sessionStorage.getItem('callstream.usersig')")).isNull();
        assertThat(browser.getCurrentUrl()).doesNotContain("not-a-usersig");
        screenshot("bad-usersig");
        // The refused request is the only error the console shows: the browser reports a 401, the page throws nothing.
        assertThat(HeadlessChromium.severeConsoleEntries(browser))
                .allSatisfy(e -> assertThat(e).contains("/api/v1/stats/overview", "401"));
    }

    @Test
    @Order(8)
    void autoRefreshRedrawsEveryFewSecondsUntilPaused() throws Exception {
        signIn();
        autoRefresh(false);
        waitFor("overview", "ready");
        Thread.sleep(1_000); // a refresh already under way lands
        String paused = updated();
        Thread.sleep(6_000); // longer than the refresh period: a refresh would have changed the time shown
        assertThat(updated()).as("paused: no refresh").isEqualTo(paused);
        autoRefresh(true); // a refresh now, then one every 5 s
        new WebDriverWait(browser, UI_WAIT).until(d -> !updated().equals(paused));
        String resumed = updated();
        new WebDriverWait(browser, UI_WAIT).until(d -> !updated().equals(resumed));
        autoRefresh(false);
    }

    /** The last test: it stops the service under the page, Kafka Streams first (101001, retry), then its server. */
    @Test
    @Order(9)
    void whenTheApiCannotAnswerOrStopsAnsweringThePageSaysSoAndKeepsTrying() throws Exception {
        app.streams().close(Duration.ofSeconds(30));
        autoRefresh(true); // refreshes at once
        new WebDriverWait(browser, UI_WAIT).until(d -> d.findElement(By.id("banner")).isDisplayed());
        assertThat(browser.findElement(By.id("banner")).getText()).contains("cannot be read completely right now",
                "retrying");
        screenshot("api-retry");
        app.close();
        new WebDriverWait(browser, UI_WAIT).until(d -> d.findElement(By.id("banner")).getText().contains("does not answer"));
        assertThat(browser.findElement(By.id("banner")).getText()).contains("retrying");
        waitFor("overview", "error");
        screenshot("api-down");
        // The requests answered 503 or not at all are the only errors the console shows; the page throws nothing.
        assertThat(HeadlessChromium.severeConsoleEntries(browser)).allSatisfy(e -> assertThat(e).contains("/api/v1/"));
    }

    // ---- the page -----------------------------------------------------------------------------------------------

    /** Turns the page's auto-refresh on or off, whichever it is now. */
    private static void autoRefresh(boolean on) {
        WebElement toggle = browser.findElement(By.id("refresh-toggle"));
        if (toggle.getText().equals(on ? "Resume auto-refresh" : "Pause auto-refresh")) {
            toggle.click();
        }
        assertThat(toggle.getText()).isEqualTo(on ? "Pause auto-refresh" : "Resume auto-refresh");
    }

    private static String updated() {
        return browser.findElement(By.id("updated")).getText();
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    private static void signIn() {
        String sig = UserSig.generate(QueryInstances.APP, QueryInstances.KEY, "administrator", Duration.ofHours(1),
                Instant.now());
        browser.get(baseUrl() + "/dashboard/#usersig=" + sig);
        new WebDriverWait(browser, UI_WAIT).until(d -> d.findElement(By.id("app")).isDisplayed());
        // Auto-refresh would redraw the table while a test reads it.
        browser.findElement(By.id("refresh-toggle")).click();
    }

    private static void waitFor(String section, String... states) {
        Set<String> wanted = Set.of(states);
        new WebDriverWait(browser, UI_WAIT).until(d -> wanted.contains(d.findElement(By.id(section)).getAttribute("data-state")));
    }

    private static String card(String name) {
        return browser.findElement(By.cssSelector("[data-card='" + name + "']")).getText();
    }

    private static List<String> rowIds(String table) {
        return browser.findElements(By.cssSelector(table + " tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-call-id")).toList();
    }

    private static void select(String id, String value) {
        new Select(browser.findElement(By.id(id))).selectByValue(value);
    }

    private static void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        if (value.isEmpty()) {
            browser.executeScript("arguments[0].dispatchEvent(new Event('input'))", input);
        } else {
            input.sendKeys(value);
        }
    }

    private static void screenshot(String name) throws Exception {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path downloaded() throws Exception {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
        }
    }

    // ---- the ground truth ---------------------------------------------------------------------------------------

    /** The expected records that match, newest first, as the page lists them. */
    private static List<CallRecord> expected(Predicate<CallRecord> filter) {
        return instances.expected.values().stream().filter(filter)
                .sorted(LocalRecordQueries.ORDER.reversed()).toList();
    }

    private static List<String> ids(List<CallRecord> records) {
        return records.stream().map(CallRecord::getCallId).toList();
    }

    private static boolean single(CallRecord r) {
        return "single".equals(r.getCallType());
    }

    private static boolean involves(CallRecord r, String user) {
        return user.equals(r.getCaller()) || r.getCallees().contains(user)
                || r.getParticipants().stream().anyMatch(p -> p.getUserId().equals(user));
    }

    private static int participants(List<CallRecord> records) {
        Set<String> users = new HashSet<>();
        records.forEach(r -> r.getParticipants().forEach(p -> users.add(p.getUserId())));
        return users.size();
    }

    private static LocalDate day(long epochSecond) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static boolean sameMonth(long epochSecond) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return day(epochSecond).withDayOfMonth(1).equals(today.withDayOfMonth(1));
    }

    /** As the page writes a duration: m:ss, or h:mm:ss from an hour. */
    private static String duration(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        return (h > 0 ? h + ":" + String.format("%02d", m) : Long.toString(m)) + ":" + String.format("%02d", seconds % 60);
    }
}
