package io.callstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.callstream.launcher.run.Ports;
import io.callstream.schemas.topic.Topics;
import io.callstream.service.usersig.UserSig;
import io.callstream.service.usersig.UserSigVerifier;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.WithKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command line of the README and of {@code docs/} that runs the launcher (the documents, read as one text: the
 * README, then the pages of {@code docs/} by name), run as a reader runs it: the built jar, through
 * {@code /bin/sh}, with no environment but {@code PATH} (to this JVM's {@code java}) and the reader's {@code KEY},
 * {@code CALLBACK_TOKEN} and {@code CLUSTER_SECRET} (the README's {@code $KEY}, ...), so that a command works only with the variables it names itself. A command on the README's
 * placeholder cluster ({@code kafka:9092}) runs against the test broker instead, whose topics exist as the README asks
 * of a cluster; that address is the only change made to any command.
 *
 * <p>The local-mode commands and the tools run in one directory, as in a clone, in the README's order, so the first
 * start generates the key and later ones reuse it; each command against the cluster runs in a directory of its own,
 * as on a machine of its own. What each must do, as the README says: a run prints its banner for its role, the key
 * only when generated now (a fingerprint afterwards), its services answer {@code /readyz}, and SIGTERM stops it;
 * {@code --help} lists every flag of the README's table; {@code usersig} prints a UserSig valid for the key and claims
 * given. The commands and their order come from the README itself, so a command added there is run here.
 */
@WithKafka
class DocumentedCommandsIT {

    private static final Path README = Path.of("..", "README.md");
    private static final Path DOCS = Path.of("..", "docs");
    private static final Path JAR = Path.of("target", "callstream.jar").toAbsolutePath();
    private static final String README_CLUSTER = "kafka:9092";
    /** The reader's {@code $KEY}: the app's secret key, as the README's examples use it. */
    private static final String READER_KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    /** The reader's {@code $CLUSTER_SECRET}, as the README makes it ({@code openssl rand -hex 32}). */
    private static final String READER_CLUSTER_SECRET = "9c3f0a6b1e7d24c85a0f3b9e6d1c7a2f4e8b0d3c6a9f2e5b8d1c4a7f0e3b6d9c";
    /** The reader's {@code $CALLBACK_TOKEN}, as the README makes it ({@code openssl rand -hex 16}). */
    private static final String READER_CALLBACK_TOKEN = "5e0b7c2a9d14f63e8a7b0c5d2e9f1a46";
    private static final long README_APP = 1400000001L;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern URL = Pattern.compile("http://localhost:\\d+");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();
    private final List<Path> links = new ArrayList<>();
    private String generatedKey;

    @Test
    void everyLauncherCommandOfTheReadmeWorksAsDocumented(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        assertThat(JAR).as("the jar the README runs; `./mvnw verify` builds it before the integration tests").exists();
        String readme = documents();
        List<String> commands = ReadmeCommands.in(readme);
        assertThat(commands).as("the README's launcher commands")
                .anyMatch(c -> c.endsWith("--role gateway")).anyMatch(c -> c.endsWith("--role topology"))
                .anyMatch(c -> c.endsWith("callstream.jar")).anyMatch(c -> c.contains(" usersig"));
        kafka.createTopics(Topics.all().stream().map(spec -> spec.toNewTopic(Optional.empty())).toArray(NewTopic[]::new));
        Path clone = directory(dir.resolve("clone"));
        List<String> checked = new ArrayList<>();
        try {
            for (String command : commands) {
                List<String> args = argumentsOf(command);
                if (args.contains("callback-config")) {
                    // It calls the vendor's API, on the internet; CallbackConfigCommandTest runs it against the
                    // emulator's copy of that API.
                    continue;
                }
                if (args.contains("usersig")) {
                    for (String form : forms(command)) {
                        usersig(form, clone);
                    }
                } else if (args.contains("--help")) {
                    help(command, clone, readme);
                } else if (command.contains(README_CLUSTER)) {
                    run(command.replace(README_CLUSTER, kafka.bootstrapServers()), args,
                            directory(dir.resolve("machine-" + checked.size())), false);
                } else {
                    run(command, args, clone, true);
                }
                checked.add(command);
            }
        } finally {
            started.forEach(DocumentedCommandsIT::kill);
            for (Path link : links) { // before @TempDir's clean-up, which warns about links leaving it
                Files.deleteIfExists(link);
            }
        }
        assertThat(checked).as("commands run").hasSizeGreaterThanOrEqualTo(5);
        assertThat(generatedKey).as("the first local start generated a key").isNotNull();
        System.out.println("README commands checked: " + checked.size() + "\n  " + String.join("\n  ", checked));
    }

    /**
     * Runs until the banner is printed, checks it and the services, then stops the process as Ctrl-C does.
     *
     * @param local whether the command runs the local mode (embedded broker, generated key)
     */
    private void run(String command, List<String> args, Path cwd, boolean local) throws Exception {
        String role = args.contains("--role") ? args.get(args.indexOf("--role") + 1) : "all";
        for (int port : new int[] {8080, 8081}) {
            assertThat(Ports.isFree("0.0.0.0", port)).as("port %d, which the README's commands use, is free", port).isTrue();
        }
        Output out = start(command, cwd);
        String banner = out.await("callstream is running (role " + role + ")", START_TIMEOUT);
        boolean gateway = !role.equals("topology");
        boolean topology = !role.equals("gateway");
        assertThat(banner.contains("  gateway     http://localhost:8080/callback")).as(out.describe()).isEqualTo(gateway);
        assertThat(banner.contains("  query API   http://localhost:8081 ")).as(out.describe()).isEqualTo(topology);
        if (local) {
            checkKeyLine(banner, out);
        }
        if (args.contains("--demo")) {
            assertThat(banner).as(out.describe()).contains("  demo        callkit-emulator, 2 calls/s (CALLSTREAM_DEMO_RATE)");
        }
        Set<String> services = new LinkedHashSet<>();
        Matcher urls = URL.matcher(banner);
        while (urls.find()) {
            services.add(urls.group());
        }
        assertThat(services).as(out.describe()).hasSize(gateway && topology ? 2 : 1);
        for (String service : services) {
            awaitReady(service, out);
        }
        // SIGTERM, as Ctrl-C or a container stop: to the JVM, and to the shell unless it became the JVM.
        List<ProcessHandle> tree = Stream.concat(out.process.descendants(), Stream.of(out.process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("not stopped 60 s after SIGTERM: " + out.describe());
            }
        }
        assertThat(out.stdout()).as(out.describe()).contains("stopping callstream: gateway, then Streams, then the broker");
    }

    /** The first local start shows the key it generated; every later one only its fingerprint. */
    private void checkKeyLine(String banner, Output out) throws IOException {
        Matcher generated = Pattern.compile("  secret key  ([0-9a-f]{64})  \\(generated now, saved in ").matcher(banner);
        if (generatedKey == null) {
            assertThat(generated.find()).as("a key generated now is shown: " + out.describe()).isTrue();
            generatedKey = generated.group(1);
        } else {
            assertThat(banner).as(out.describe()).containsPattern("  secret key  fingerprint [0-9a-f]{8}  \\(saved in ");
            assertThat(out.stdout() + out.stderr()).as("a saved key is never printed").doesNotContain(generatedKey);
        }
    }

    private void awaitReady(String base, Output out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            try {
                status = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException e) {
                status = -1;
            }
            Thread.sleep(500);
        }
        fail(base + "/readyz answered " + status + " for 60 s: " + out.describe());
    }

    /** The README, then every page of docs/ by name: where a reader finds the commands. */
    private static String documents() throws Exception {
        StringBuilder text = new StringBuilder(Files.readString(README));
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                text.append('\n').append(Files.readString(page));
            }
        }
        return text.toString();
    }

    private void help(String command, Path cwd, String readme) throws Exception {
        Output out = start(command, cwd);
        assertThat(out.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.process.exitValue()).as(out.describe()).isZero();
        List<String> flags = flagsOfTheReadmeTable(readme);
        assertThat(flags).contains("--role", "--data-dir", "--demo");
        assertThat(out.stdout()).as(out.describe()).contains(flags);
    }

    private void usersig(String command, Path cwd) throws Exception {
        Output out = start(command, cwd);
        assertThat(out.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.process.exitValue()).as(out.describe()).isZero();
        String userSig = out.stdout().trim();
        assertThat(userSig).as("the UserSig alone").doesNotContain("\n", " ");
        List<String> args = argumentsOf(command);
        String key = option(args, "--key").orElse(generatedKey);
        assertThat(key).as("the saved key of the first local start, or --key").isNotNull();
        long app = option(args, "--sdkappid").map(Long::parseLong).orElse(README_APP);
        String identifier = option(args, "--identifier").orElse("administrator");
        assertThat(new UserSigVerifier(app, key, Clock.systemUTC()).verify(identifier, userSig)).as(command)
                .isEqualTo(UserSigVerifier.Verdict.VALID);
        assertThat(UserSig.claims(userSig).orElseThrow().expire()).isEqualTo(option(args, "--expire").map(Long::parseLong).orElse(86_400L));
    }

    /** A syntax line ({@code usersig [--key KEY] ...}) in its shortest and its longest form; another line as it is. */
    private static List<String> forms(String command) {
        if (!command.contains("[")) {
            return List.of(command);
        }
        return List.of(command.replaceAll("\\s*\\[[^\\]]*\\]", ""), command.replaceAll("[\\[\\]]", ""));
    }

    /** The words after the jar, quotes removed and the reader's {@code $KEY} in place, for this test to read. */
    private static List<String> argumentsOf(String command) {
        String after = command.substring(command.indexOf("callstream.jar") + "callstream.jar".length()).trim();
        if (after.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(after.split("\\s+")).map(a -> a.replace("\"", "").replace("$KEY", READER_KEY)).toList();
    }

    private static Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Optional.of(args.get(at + 1)) : Optional.empty();
    }

    /** The flags in the first column of the README's table of the run command's flags. */
    private static List<String> flagsOfTheReadmeTable(String readme) {
        List<String> flags = new ArrayList<>();
        boolean inTable = false;
        for (String line : readme.split("\n")) {
            if (line.startsWith("| flag | default | meaning |")) {
                inTable = true;
            } else if (inTable && !line.startsWith("|")) {
                break;
            } else if (inTable) {
                Matcher flag = Pattern.compile("--[a-z][a-z-]*").matcher(line.split("\\|")[1]);
                while (flag.find()) {
                    flags.add(flag.group());
                }
            }
        }
        return flags;
    }

    /** A directory in which both of the README's jar paths work, as in a clone after the build. */
    private Path directory(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("launcher/target"));
        for (Path link : List.of(dir.resolve("launcher/target/callstream.jar"), dir.resolve("callstream.jar"))) {
            links.add(Files.createSymbolicLink(link, JAR));
        }
        return dir;
    }

    private Output start(String command, Path cwd) throws IOException {
        Path logs = Files.createTempDirectory("readme-command");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(cwd.toFile())
                .redirectOutput(logs.resolve("stdout").toFile()).redirectError(logs.resolve("stderr").toFile());
        builder.environment().clear();
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
        builder.environment().put("PATH", java + ":/usr/bin:/bin");
        builder.environment().put("KEY", READER_KEY);
        builder.environment().put("CLUSTER_SECRET", READER_CLUSTER_SECRET);
        builder.environment().put("CALLBACK_TOKEN", READER_CALLBACK_TOKEN);
        Process process = builder.start();
        started.add(process);
        return new Output(command, process, logs);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A started command and what it printed so far. */
    private record Output(String command, Process process, Path logs) {

        String stdout() throws IOException {
            return Files.readString(logs.resolve("stdout"), StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(logs.resolve("stderr"), StandardCharsets.UTF_8);
        }

        /** Waits for a line of stdout; returns stdout from that line on, the banner it heads included. */
        String await(String line, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (stdout().contains(line)) {
                    Thread.sleep(500); // the banner is one print, flushed at once; let it reach the file
                    String out = stdout();
                    return out.substring(out.indexOf(line));
                }
                if (!process.isAlive()) {
                    fail("exited with " + process.exitValue() + " before printing '" + line + "': " + describe());
                }
                Thread.sleep(250);
            }
            fail("no '" + line + "' within " + timeout + ": " + describe());
            return null;
        }

        String describe() {
            try {
                return "\n$ " + command + "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
            } catch (IOException e) {
                return command + " (" + e + ")";
            }
        }
    }
}
