package io.envaudit.engine.pep508;

import io.envaudit.engine.version.InvalidSpecException;

import java.util.Locale;

/**
 * The URL of a direct reference ({@code name @ URL}) must be absolute: a scheme and a host, or a
 * {@code file:} URL in its canonical form ({@code file:///path}, {@code file://host/path}). This is the
 * check {@code packaging} makes with Python's {@code urllib.parse}: a file URL must survive a split and
 * unsplit round trip unchanged, any other needs a scheme and a network location.
 */
final class DirectReference {
    private DirectReference() {
    }

    /** The parts urllib splits a URL into; the scheme comes out in lower case. */
    private record Parts(String scheme, String netloc, String path, String query, String fragment) {
    }

    static void check(Pep508Tokenizer tokens, String url) {
        Parts parts = split(url);
        if (parts.scheme.equals("file")) {
            if (!join(parts).equals(url)) {
                throw new InvalidSpecException(Requirement.KIND, tokens.source(),
                        "invalid file URL '" + url + "' (expected file:///path or file://host/path)");
            }
        } else if (parts.scheme.isEmpty() || parts.netloc.isEmpty()) {
            throw new InvalidSpecException(Requirement.KIND, tokens.source(),
                    "invalid URL '" + url + "' (a direct reference needs a scheme and a host)");
        }
    }

    private static Parts split(String url) {
        String scheme = "";
        String rest = url;
        int colon = url.indexOf(':');
        if (colon > 0 && isScheme(url.substring(0, colon))) {
            scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = url.substring(colon + 1);
        }
        String netloc = "";
        if (rest.startsWith("//")) {
            int end = rest.length();
            for (char stop : new char[] {'/', '?', '#'}) {
                int at = rest.indexOf(stop, 2);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            netloc = rest.substring(2, end);
            rest = rest.substring(end);
        }
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        return new Parts(scheme, netloc, rest, query, fragment);
    }

    /** urllib's {@code urlunsplit} for a scheme that uses a network location, as {@code file} does. */
    private static String join(Parts parts) {
        String path = parts.path;
        if (!parts.netloc.isEmpty() || !path.startsWith("//")) {
            if (!path.isEmpty() && !path.startsWith("/")) {
                path = "/" + path;
            }
            path = "//" + parts.netloc + path;
        }
        StringBuilder out = new StringBuilder(parts.scheme).append(':').append(path);
        if (!parts.query.isEmpty()) {
            out.append('?').append(parts.query);
        }
        if (!parts.fragment.isEmpty()) {
            out.append('#').append(parts.fragment);
        }
        return out.toString();
    }

    private static boolean isScheme(String candidate) {
        if (!isAsciiLetter(candidate.charAt(0))) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
