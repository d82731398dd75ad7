package io.callstream.topology.query.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard (docs/dashboard.md): a static page under {@value #PATH}/ that reads the analyst API from the browser
 * with the admin's UserSig. The server holds no state for it and knows no secret of it: it serves a fixed set of
 * files, read once from this jar's classpath (the page's own, {@value #WEBROOT}, and uPlot's WebJar), under a
 * Content-Security-Policy that lets the page load and fetch from this origin alone. Any other path is 404: there is
 * no directory to climb out of, and no file in the working directory can stand in for the jar's.
 */
public final class DashboardRoutes {

    public static final String PATH = "/dashboard";
    /** The page's files, a classpath directory of this jar. */
    static final String WEBROOT = "dashboard";
    /** uPlot's version, that of the {@code org.webjars.npm:uplot} dependency: its files' directory in the WebJar. */
    static final String UPLOT_VERSION = "1.6.30";
    static final String UPLOT_ROOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist";
    /**
     * Scripts, styles, images and requests from this origin only; no inline script or style, no plugin, no framing,
     * no form posts, no {@code <base>}: a value that slipped into the page unescaped could run nothing, and send
     * nothing anywhere else.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Path below {@value #PATH}/ → the file served there. */
    private static final Map<String, File> FILES = Map.of(
            "", File.of(WEBROOT + "/index.html", "text/html; charset=utf-8"),
            "index.html", File.of(WEBROOT + "/index.html", "text/html; charset=utf-8"),
            "dashboard.js", File.of(WEBROOT + "/dashboard.js", "text/javascript; charset=utf-8"),
            "dashboard.css", File.of(WEBROOT + "/dashboard.css", "text/css; charset=utf-8"),
            "favicon.svg", File.of(WEBROOT + "/favicon.svg", "image/svg+xml"),
            "vendor/uplot/uPlot.iife.min.js", File.of(UPLOT_ROOT + "/uPlot.iife.min.js", "text/javascript; charset=utf-8"),
            "vendor/uplot/uPlot.min.css", File.of(UPLOT_ROOT + "/uPlot.min.css", "text/css; charset=utf-8"));

    private DashboardRoutes() {
    }

    public static void mount(Router router) {
        // The page's links are relative: it must be addressed as a directory. (The route matches PATH + "/" too.)
        router.get(PATH).handler(ctx -> {
            if (ctx.request().path().equals(PATH)) {
                ctx.redirect(PATH + "/");
            } else {
                ctx.next();
            }
        });
        router.get(PATH + "/*").handler(DashboardRoutes::serve);
    }

    private static void serve(RoutingContext ctx) {
        File file = FILES.get(ctx.request().path().substring(PATH.length() + 1));
        if (file == null) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(file.content());
    }

    /** A file of the page, read from the classpath when this class loads: the jar's own, and only once. */
    private record File(Buffer content, String contentType) {

        static File of(String resource, String contentType) {
            try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard's " + resource + " is not on the classpath");
                }
                return new File(Buffer.buffer(in.readAllBytes()), contentType);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
