package io.qrpush.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in demo: pages at {@code /demo/} and {@code /demo/phone}, and two endpoints that mint
 * otps for made-up users and redeem tickets for anyone who asks. That is harmless on a developer's
 * own machine and a hole anywhere else, hence off by default and refused on a non-loopback host
 * unless {@code allowNonLoopback} says it on purpose.
 *
 * @param enabled          serve the demo pages and endpoints
 * @param allowNonLoopback allow the demo while {@code server.host} is not a loopback address, and
 *                         answer its endpoints for clients elsewhere and through proxies (e.g. to
 *                         scan with a real phone on the same network); without it they answer
 *                         only requests straight from this machine
 * @param appkey           the configured app the demo logs in to
 */
public record DemoSettings(boolean enabled, boolean allowNonLoopback, String appkey) {
    // An IPv4 or IPv6 literal: only these are checked without a DNS lookup at start-up.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    public static DemoSettings defaults() {
        return new DemoSettings(false, false, "demo");
    }

    /** The problems of this section against the rest of the configuration, each naming its key. */
    public static List<String> problems(QrpushConfig c) {
        List<String> p = new ArrayList<>();
        DemoSettings d = c.demo();
        if (!d.enabled()) {
            return p;
        }
        if (c.apps().stream().noneMatch(a -> a.appkey() != null && a.appkey().equals(d.appkey()))) {
            p.add("demo.appkey: no app in apps has appkey '" + d.appkey() + "'");
        }
        if (!d.allowNonLoopback() && !isLoopback(c.server().host())) {
            p.add("demo.allowNonLoopback: the demo is enabled and server.host '" + c.server().host()
                    + "' is not a loopback address; the demo hands out logins to anyone who asks, so"
                    + " set demo.allowNonLoopback: true only on a network you trust, or demo.enabled: false");
        }
        return p;
    }

    /**
     * What an operator must hear at start-up about the demo: any app named {@code demo} has
     * publicly known secrets, and the app the enabled demo points at lets whoever reaches the demo
     * log in as its made-up users and redeem its tickets without the apiKey.
     */
    public static List<String> warnings(QrpushConfig c) {
        List<String> w = new ArrayList<>();
        for (AppConfig app : c.apps()) {
            if ("demo".equals(app.appkey())) {
                w.add("*** DEMO APP ENABLED: app 'demo' has publicly known secrets. Remove it before exposing this"
                        + " server. ***");
            }
        }
        DemoSettings d = c.demo();
        if (d.enabled()) {
            w.add("*** DEMO ENABLED for app '" + d.appkey() + "': /demo/api/otp logs anyone it answers in as a made-up"
                    + " user of that app and /demo/api/redeem redeems its tickets without the apiKey; it answers "
                    + (d.allowNonLoopback() ? "ANY client (demo.allowNonLoopback: true)" : "only this machine")
                    + ". Never point the demo at a real app. ***");
        }
        return w;
    }

    /**
     * Whether {@code host} only listens on this machine: {@code localhost} or a loopback literal.
     * Any other name counts as not loopback, so start-up never waits on DNS for this check.
     */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.trim();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
