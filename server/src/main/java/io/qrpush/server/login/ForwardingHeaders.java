package io.qrpush.server.login;

import io.qrpush.server.http.HttpCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The hops a proxy chain wrote into {@code X-Forwarded-For} or RFC 7239 {@code Forwarded}, left
 * (farthest) to right (nearest), each as written: an address with or without a port, or for
 * {@code Forwarded} also {@code unknown} or an obfuscated {@code _name}, which
 * {@link ClientAddress} reads as no address. An element of {@code Forwarded} without
 * {@code for=} is a hop that named nobody, kept as an empty hop so that the chain stays aligned.
 */
public final class ForwardingHeaders {
    /**
     * Headers a reverse proxy adds: any one of them on a request means it did not come straight
     * from the peer, whatever the peer's own address says.
     */
    static final Set<String> PROXY_SIGNS = Set.of("forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "via", "true-client-ip", "cf-connecting-ip",
            "x-client-ip", "x-cluster-client-ip", "fastly-client-ip");
    /** A chain longer than this is read from its right end only: nobody runs 32 proxies. */
    static final int MAX_HOPS = 32;

    private ForwardingHeaders() {
    }

    /** Whether any proxy had a hand in the request (the demo serves only its own machine). */
    public static boolean anyPresent(HttpCall call) {
        return call.headers().keySet().stream().anyMatch(PROXY_SIGNS::contains);
    }

    /** The hops of {@code X-Forwarded-For}: its comma-separated entries. */
    static List<String> xForwardedFor(String value) {
        List<String> hops = new ArrayList<>();
        for (String hop : value.split(",", -1)) {
            hops.add(hop.trim());
        }
        return rightmost(hops);
    }

    /** The {@code for=} of each element of {@code Forwarded}, unquoted; "" for an element without one. */
    static List<String> forwarded(String value) {
        List<String> hops = new ArrayList<>();
        for (String element : split(value, ',')) {
            String forValue = "";
            for (String pair : split(element, ';')) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                    forValue = unquote(pair.substring(eq + 1).trim());
                }
            }
            hops.add(forValue);
        }
        return rightmost(hops);
    }

    /** Splits on {@code separator} outside quoted strings (a quoted value may hold commas). */
    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\' && i + 1 < value.length()) {
                part.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    /** A quoted-string's content with its escapes undone; a token as it is. */
    private static String unquote(String v) {
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            return v;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) {
                c = v.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static List<String> rightmost(List<String> hops) {
        return hops.size() <= MAX_HOPS ? hops : hops.subList(hops.size() - MAX_HOPS, hops.size());
    }
}
