package io.qrpush.server.config;

import io.netty.util.NetUtil;

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
        byte[] address = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? t : t.substring(0, slash));
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

    /** The address bytes of a literal, or null when {@code text} is not one (never a DNS lookup). */
    public static byte[] literal(String text) {
        return text == null ? null : NetUtil.createByteArrayFromIpAddressString(text.trim());
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
