package dev.jawait.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Recognises IP literals, which need no lookup: dotted-quad IPv4 ({@code 127.0.0.1}) and IPv6
 * with or without brackets ({@code ::1}, {@code [::1]}, {@code fe80::1%eth0}).
 *
 * <pre>{@code
 * InetAddress a = IpLiteral.parse("::1");        // an Inet6Address, no lookup
 * InetAddress b = IpLiteral.parse("example.com"); // null: a name, ask a resolver
 * }</pre>
 */
final class IpLiteral {
    private IpLiteral() {}

    /**
     * The address {@code host} spells, or {@code null} when it is a name.
     *
     * @throws UnknownHostException if it can only be an IPv6 literal (a host name never holds
     *     a colon) and is malformed
     */
    static InetAddress parse(String host) throws UnknownHostException {
        String text = host;
        if (text.length() > 1 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']') {
            text = text.substring(1, text.length() - 1);
            if (text.indexOf(':') < 0) {
                throw new UnknownHostException(host + ": not an IPv6 literal");
            }
        }
        if (text.indexOf(':') >= 0) {
            char first = text.charAt(0);
            if (first != ':' && Character.digit(first, 16) < 0) {
                throw new UnknownHostException(host + ": invalid IPv6 address");
            }
            // Starts like an IPv6 literal and holds a colon: the JDK parses it without a lookup.
            return InetAddress.getByName(text);
        }
        byte[] v4 = parseIpv4(text);
        return v4 == null ? null : InetAddress.getByAddress(v4);
    }

    /** Four decimal octets separated by dots, or {@code null}. */
    private static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }
}
