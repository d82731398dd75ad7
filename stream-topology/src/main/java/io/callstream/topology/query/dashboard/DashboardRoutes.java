package io.callstream.topology.query.dashboard;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The dashboard (docs/dashboard.md): a static page under {@value #PATH}/ that reads the analyst API from the browser
 * with the admin's UserSig. The server holds no state for it and knows no secret of it: it serves files, from two
 * roots inside the jar only, the page's own ({@value #WEBROOT}) and uPlot's WebJar, under a Content-Security-Policy
 * that lets the page load and fetch from this origin alone.
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
        router.route(PATH + "/*").handler(DashboardRoutes::securityHeaders);
        router.get(PATH + "/vendor/uplot/*").handler(files(UPLOT_ROOT));
        router.get(PATH + "/*").handler(files(WEBROOT));
    }

    /**
     * StaticHandler serves only below its root: it normalizes the path (RFC 3986 dot segments, percent-decoding first)
     * and refuses a path that would climb out of it; no directory listing, no hidden files.
     */
    private static StaticHandler files(String root) {
        return StaticHandler.create(root).setDirectoryListing(false).setIncludeHidden(false)
                .setIndexPage("index.html").setDefaultContentEncoding("UTF-8");
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }
}
