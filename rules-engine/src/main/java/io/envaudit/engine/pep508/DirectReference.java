package io.envaudit.engine.pep508;

import io.envaudit.engine.version.InvalidSpecException;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The URL of a direct reference ({@code name @ URL}) must be absolute: a scheme and a host, or a
 * {@code file:} URL in its canonical form ({@code file:///path}, {@code file://host/path}). This is the
 * check {@code packaging} makes with Python's {@code urllib.parse}: a file URL must survive a split and
 * unsplit round trip unchanged, any other needs a scheme and a network location. The split is the one of
 * Debian's Python 3.11.2 with its security fixes: leading C0 controls and spaces are stripped and tabs, CRs
 * and LFs removed first; brackets in the network location must hold an IPv6 host; and a non-ASCII network
 * location must not gain a delimiter under NFKC. Python raises ValueError for those, an error all the same.
 */
final class DirectReference {
    private DirectReference() {
    }

    /** The parts urllib splits a URL into; the scheme comes out in lower case. */
    private record Parts(String scheme, String netloc, String path, String query, String fragment) {
    }

    static void check(Pep508Tokenizer tokens, String url) {
        Parts parts = split(tokens, url);
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

    /** urllib's {@code urlsplit}. */
    private static Parts split(Pep508Tokenizer tokens, String url) {
        String rest = withoutUnsafeCharacters(url);
        String scheme = "";
        int colon = rest.indexOf(':');
        if (colon > 0 && isScheme(rest.substring(0, colon))) {
            scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = rest.substring(colon + 1);
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
            String problem = netlocProblem(netloc);
            if (problem != null) {
                throw new InvalidSpecException(Requirement.KIND, tokens.source(),
                        "invalid URL '" + url + "': the host '" + netloc + "' has " + problem);
            }
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

    /** WHATWG's rules as urllib applies them: C0 controls and spaces stripped at the start, tab/CR/LF anywhere. */
    private static String withoutUnsafeCharacters(String url) {
        int start = 0;
        while (start < url.length() && url.charAt(start) <= ' ') {
            start++;
        }
        StringBuilder kept = new StringBuilder(url.length() - start);
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c != '\t' && c != '\r' && c != '\n') {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** What urllib's ValueError says about a network location, or null when it raises none. */
    private static String netlocProblem(String netloc) {
        boolean open = netloc.indexOf('[') >= 0;
        boolean close = netloc.indexOf(']') >= 0;
        if (open != close) {
            return "an unbalanced bracket";
        }
        if (open) {
            String problem = BracketedHost.problem(netloc);
            if (problem != null) {
                return "a bad bracketed host: " + problem;
            }
        }
        // _checknetloc: characters such as U+2100 expand to 'a/c' under NFKC, which IDNA applies
        if (netloc.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        String text = netloc.replace("@", "").replace(":", "").replace("#", "").replace("?", "");
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (!normalized.equals(text) && normalized.chars().anyMatch(c -> "/?#@:".indexOf(c) >= 0)) {
            return "characters that NFKC turns into a delimiter";
        }
        return null;
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
