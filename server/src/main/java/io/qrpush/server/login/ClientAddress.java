package io.qrpush.server.login;

import io.qrpush.server.config.IpRange;

/**
 * Client addresses as proxies and sockets write them, read into one canonical form: an address
 * literal with or without a port ({@code 192.0.2.7:4711}, {@code [2001:db8::1]:4711}), bare or
 * in RFC 7239's quotes, and IPv4-mapped IPv6 ({@code ::ffff:192.0.2.7}, what a dual-stack socket
 * reports for an IPv4 peer) as the IPv4 address it is. Only literals are read: a name, RFC 7239's
 * {@code unknown} or an obfuscated {@code _identifier} is no address, and nothing here asks DNS.
 */
public final class ClientAddress {
    /** Longer than any literal with a port and quotes: garbage is refused before it is parsed. */
    private static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    /** The address bytes (4 for IPv4, 16 for IPv6) of one hop, or null when it is not an address literal. */
    public static byte[] parse(String hop) {
        if (hop == null) {
            return null;
        }
        String h = hop.trim();
        if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty() || h.length() > MAX_LENGTH || h.indexOf('%') >= 0) {
            return null; // a zone id names an interface of the proxy's host, not a client
        }
        String literal;
        if (h.charAt(0) == '[') {
            int close = h.indexOf(']');
            if (close < 0 || !isPortOrNothing(h.substring(close + 1))) {
                return null;
            }
            literal = h.substring(1, close);
            if (literal.indexOf(':') < 0) {
                return null; // brackets hold IPv6 only
            }
        } else {
            int colon = h.indexOf(':');
            boolean ipv4WithPort = colon > 0 && colon == h.lastIndexOf(':');
            if (ipv4WithPort && !isPortOrNothing(h.substring(colon))) {
                return null;
            }
            literal = ipv4WithPort ? h.substring(0, colon) : h;
            if (ipv4WithPort && literal.indexOf('.') < 0) {
                return null;
            }
        }
        return unmapped(IpRange.literal(literal));
    }

    /** The canonical text of an address literal, or null when {@code text} is none. */
    public static String normalise(String text) {
        byte[] a = parse(text);
        return a == null ? null : format(a);
    }

    /** Dotted IPv4, or IPv6 as RFC 5952 writes it: lower case, the longest run of zero groups as {@code ::}. */
    public static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is written out, not as ::
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** RFC 7239's node-port after the address: nothing, {@code :digits} or an obfuscated {@code :_port}. */
    private static boolean isPortOrNothing(String rest) {
        if (rest.isEmpty()) {
            return true;
        }
        if (rest.length() < 2 || rest.charAt(0) != ':') {
            return false;
        }
        String port = rest.substring(1);
        if (port.charAt(0) == '_') {
            return port.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-');
        }
        return port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9') && Integer.parseInt(port) <= 65535;
    }

    /** {@code ::ffff:a.b.c.d} is the IPv4 client a.b.c.d: one client, one budget, whichever way it came. */
    static byte[] unmapped(byte[] a) {
        if (a == null || a.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        if (a[10] != (byte) 0xFF || a[11] != (byte) 0xFF) {
            return a;
        }
        return java.util.Arrays.copyOfRange(a, 12, 16);
    }
}
