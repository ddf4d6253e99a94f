package io.qrpush.server.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address or CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 127.0.0.1}),
 * matched against address literals only: nothing here ever asks DNS, so a forged
 * {@code X-Forwarded-For} cannot make the server resolve names.
 */
public final class IpRange {
    private final byte[] network;
    private final int prefixBits;

    private IpRange(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /** The range, or null when {@code text} is neither an address literal nor a CIDR range. */
    public static IpRange parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        byte[] address = literal(slash < 0 ? t : t.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (bits < 0 || bits > address.length * 8) {
                return null;
            }
        }
        return new IpRange(address, bits);
    }

    /**
     * The address bytes of a literal (4 for IPv4, 16 for IPv6), or null when {@code text} is not
     * one. The text is checked to be a literal before {@link InetAddress} sees it, because that
     * class asks DNS about anything else.
     */
    public static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.length() > 2 && t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']') {
            t = t.substring(1, t.length() - 1);
        }
        return t.indexOf(':') < 0 ? ipv4(t) : ipv6(t);
    }

    /**
     * Dotted decimal, four parts of 0-255: not the short or octal forms some parsers also accept.
     * Read in one pass without splitting: every login call's client address comes through here.
     */
    private static byte[] ipv4(String t) {
        byte[] address = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && value <= 255 && part < 4) {
                address[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? address : null;
    }

    /**
     * Hex digits, colons and an optional dotted IPv4 tail only: with a colon in it, {@link InetAddress}
     * parses the text as an IPv6 literal and refuses it if malformed, never asking DNS.
     */
    private static byte[] ipv6(String t) {
        if (t.length() > 45 || !t.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(t);
            // The JDK turns an IPv4-mapped literal (::ffff:10.0.0.1) into an IPv4 address; it was written as IPv6.
            return a instanceof Inet4Address ? mapped(a.getAddress()) : a.getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] address = new byte[16];
        address[10] = (byte) 0xFF;
        address[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, address, 12, 4);
        return address;
    }

    /** Whether the address (4 or 16 bytes) lies in this range; IPv4 and IPv6 never match each other. */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }
}
