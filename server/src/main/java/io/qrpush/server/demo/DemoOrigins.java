package io.qrpush.server.demo;

import io.qrpush.server.config.AppConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Says at start-up when the demo cannot work as configured: the demo app's {@code allowedOrigins}
 * and {@code qrUrl} name a port (8080 in config/qrpush.yaml) and the server was moved to another
 * one, e.g. with {@code QRPUSH_PORT}. The page would otherwise only show "Could not load the QR
 * code" (its login calls refused 403), which does not say what to change.
 */
public final class DemoOrigins {
    private DemoOrigins() {
    }

    /** What to tell the operator; empty when the demo page on {@code port} will work. */
    public static List<String> problems(AppConfig app, int listenPort, boolean tls) {
        List<String> out = new ArrayList<>();
        String scheme = tls ? "https" : "http";
        String page = scheme + "://localhost" + portPart(scheme, listenPort);
        String loopback = scheme + "://127.0.0.1" + portPart(scheme, listenPort);
        if (!app.allowedOrigins().contains(page) && !app.allowedOrigins().contains(loopback)) {
            out.add("demo: the page at " + page + "/demo/ is not in apps[" + app.appkey() + "].allowedOrigins "
                    + app.allowedOrigins() + ", so its login calls will be refused (403): add " + page
                    + " there, or serve on the port it names");
        }
        int qrPort = portOf(app.qrUrl());
        if (qrPort > 0 && qrPort != listenPort) {
            out.add("demo: apps[" + app.appkey() + "].qrUrl points at port " + qrPort + " but the server listens on "
                    + listenPort + ": a phone that opens the code will not reach this server");
        }
        return out;
    }

    private static String portPart(String scheme, int port) {
        boolean standard = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return standard ? "" : ":" + port;
    }

    /** The port of a URL template, its scheme's default when none is written; -1 when it is no URL. */
    private static int portOf(String template) {
        try {
            URI u = URI.create(template.replace("{key}", "k"));
            if (u.getPort() > 0) {
                return u.getPort();
            }
            return "https".equals(u.getScheme()) ? 443 : "http".equals(u.getScheme()) ? 80 : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
