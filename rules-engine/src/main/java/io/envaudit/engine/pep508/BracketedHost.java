package io.envaudit.engine.pep508;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python's check of a network location that holds brackets ({@code urllib.parse._check_bracketed_netloc},
 * in Debian's Python 3.11.2): the host must be bracketed with nothing before the bracket and nothing but a
 * port after it, and inside must be an IPv6 address ({@code ipaddress.IPv6Address}) or an IPvFuture one.
 */
final class BracketedHost {
    /** Python's {@code \Av[a-fA-F0-9]+\..+\Z}; a URL holds no \n by now, so "." is any character. */
    private static final Pattern IP_FUTURE = Pattern.compile("v[a-fA-F0-9]+\\..+", Pattern.DOTALL);
    private static final int HEXTETS = 8;

    private BracketedHost() {
    }

    /** Null when Python accepts the network location, else why it does not. */
    static String problem(String netloc) {
        String hostAndPort = netloc.substring(netloc.lastIndexOf('@') + 1);
        String host;
        int open = hostAndPort.indexOf('[');
        if (open >= 0) {
            if (open > 0) {
                return "text before '['";
            }
            String bracketed = hostAndPort.substring(open + 1);
            int close = bracketed.indexOf(']');
            host = close < 0 ? bracketed : bracketed.substring(0, close);
            String port = close < 0 ? "" : bracketed.substring(close + 1);
            if (!port.isEmpty() && !port.startsWith(":")) {
                return "text after ']' that is not a port";
            }
        } else {
            int colon = hostAndPort.indexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        }
        if (host.startsWith("v")) {
            return IP_FUTURE.matcher(host).matches() ? null : "'" + host + "' is not an IPvFuture address";
        }
        if (isIpv4(host)) {
            return "an IPv4 address cannot be in brackets";
        }
        return isIpv6(host) ? null : "'" + host + "' is not an IPv6 address";
    }

    /** {@code ipaddress.IPv4Address}: four decimal octets, no leading zeros. */
    private static boolean isIpv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (octet.length() > 1 && octet.charAt(0) == '0') || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** {@code ipaddress.IPv6Address}, rule by rule: scope id, an IPv4 tail, at most one "::", hextets. */
    private static boolean isIpv6(String text) {
        String address = text;
        int percent = text.indexOf('%');
        if (percent >= 0) {
            String scope = text.substring(percent + 1);
            if (scope.isEmpty() || scope.indexOf('%') >= 0) {
                return false;
            }
            address = text.substring(0, percent);
        }
        if (address.isEmpty() || address.indexOf('/') >= 0) {
            return false;
        }
        List<String> parts = new ArrayList<>(Arrays.asList(address.split(":", -1)));
        if (parts.size() < 3) {
            return false;
        }
        String last = parts.get(parts.size() - 1);
        if (last.indexOf('.') >= 0) {
            if (!isIpv4(last)) {
                return false;
            }
            parts.set(parts.size() - 1, "0"); // two hextets stand in for the four octets
            parts.add("0");
        }
        if (parts.size() > HEXTETS + 1) {
            return false;
        }
        int skip = -1;
        for (int i = 1; i < parts.size() - 1; i++) {
            if (parts.get(i).isEmpty()) {
                if (skip >= 0) {
                    return false;
                }
                skip = i;
            }
        }
        int high;
        int low;
        if (skip >= 0) {
            high = skip;
            low = parts.size() - skip - 1;
            if (parts.get(0).isEmpty() && --high != 0) {
                return false;
            }
            if (parts.get(parts.size() - 1).isEmpty() && --low != 0) {
                return false;
            }
            if (HEXTETS - (high + low) < 1) {
                return false;
            }
        } else {
            if (parts.size() != HEXTETS || parts.get(0).isEmpty() || parts.get(parts.size() - 1).isEmpty()) {
                return false;
            }
            high = parts.size();
            low = 0;
        }
        for (int i = 0; i < parts.size(); i++) {
            if ((i < high || i >= parts.size() - low) && !isHextet(parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHextet(String text) {
        return !text.isEmpty() && text.length() <= 4 && text.chars().allMatch(
                c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }
}
