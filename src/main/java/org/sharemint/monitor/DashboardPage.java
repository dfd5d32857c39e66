package org.sharemint.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.sharemint.metrics.Page;

/**
 * The dashboard at {@code /}: one HTML page, its script and style, and uPlot (the charts, from its
 * webjar), all read from the jar once: the page needs no network beyond this server. The page
 * reads the JSON API every few seconds.
 */
public final class DashboardPage implements Page {
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final String OWN = "/org/sharemint/monitor/";

    private final Map<String, Response> files;

    public DashboardPage() {
        files = Map.of(
                "/", load(OWN + "index.html", "text/html; charset=utf-8"),
                "/index.html", load(OWN + "index.html", "text/html; charset=utf-8"),
                "/assets/app.js", load(OWN + "app.js", "text/javascript; charset=utf-8"),
                "/assets/app.css", load(OWN + "app.css", "text/css; charset=utf-8"),
                "/assets/uplot.js", load(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
                "/assets/uplot.css", load(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"));
    }

    private static Response load(String resource, String type) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing from the jar: " + resource);
            return new Response(200, type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Response get(String path, Map<String, String> query) {
        Response r = files.get(path);
        return r != null ? r : Response.text(404, "not found\n");
    }
}
