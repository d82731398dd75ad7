package io.callstream.topology.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files: the page and uPlot from the jar, under a same-origin Content-Security-Policy, and nothing
 * from outside the two roots however the path is spelt.
 */
class DashboardRoutesTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static WebClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        DashboardRoutes.mount(router);
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    private static HttpResponse<Buffer> get(String uri) {
        return await(client.get(server.actualPort(), "127.0.0.1", uri).send());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePageAndItsScriptsUnderASameOriginPolicy() {
        HttpResponse<Buffer> page = get("/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.bodyAsString()).contains("<script src=\"dashboard.js\"></script>")
                .doesNotContain("http://", "https://");
        assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(DashboardRoutes.CONTENT_SECURITY_POLICY)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        for (String file : List.of("dashboard.js", "dashboard.css", "favicon.svg", "vendor/uplot/uPlot.iife.min.js",
                "vendor/uplot/uPlot.min.css")) {
            HttpResponse<Buffer> response = get("/dashboard/" + file);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.getHeader("Content-Security-Policy")).as(file).isNotNull();
        }
        assertThat(get("/dashboard").statusCode()).as("the bare path redirects to the page").isEqualTo(302);
        assertThat(get("/dashboard").getHeader("Location")).isEqualTo("/dashboard/");
    }

    @Test
    void nothingOutsideItsRoots() throws IOException {
        // Files that exist on the classpath, outside the two roots.
        List<String> outside = List.of(
                "/dashboard/../logback-test.xml",
                "/dashboard/%2e%2e/logback-test.xml",
                "/dashboard/..%2flogback-test.xml",
                "/dashboard/%2e%2e%2f%2e%2e%2fio/callstream/topology/query/dashboard/DashboardRoutes.class",
                "/dashboard/vendor/uplot/../package.json",
                "/dashboard/vendor/uplot/%2e%2e/package.json",
                "/dashboard/vendor/uplot/..%5cpackage.json",
                "/dashboard/vendor/uplot/../../../../../META-INF/MANIFEST.MF",
                "/dashboard//etc/passwd",
                "/dashboard/%2fetc%2fpasswd",
                "/dashboard/vendor/",
                "/dashboard/.hidden");
        for (String path : outside) {
            String answer = raw(path);
            assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 200");
            assertThat(answer).as(path).doesNotContain("<configuration", "\"name\": \"uplot\"", "root:", "Manifest-Version");
        }
    }

    /** A dashboard directory where the server runs cannot stand in for the jar's page. */
    @Test
    void theJarsPageEvenWithADashboardDirectoryInTheWorkingDirectory() throws IOException {
        Path planted = Path.of(DashboardRoutes.WEBROOT, "index.html");
        Files.createDirectories(planted.getParent());
        try {
            Files.writeString(planted, "<html>planted</html>");
            assertThat(raw("/dashboard/index.html")).startsWith("HTTP/1.1 200").doesNotContain("planted")
                    .contains("dashboard.js");
        } finally {
            Files.delete(planted);
            Files.delete(planted.getParent());
        }
    }

    /** A request sent byte for byte as written: an HTTP client would normalize the dot segments itself. */
    private static String raw(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
