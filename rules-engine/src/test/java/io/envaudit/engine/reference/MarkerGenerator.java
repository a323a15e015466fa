package io.envaudit.engine.reference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Generates PEP 508 markers, full marker environments (every variable set, so the reference never
 * reads its own interpreter) and requirement strings, including malformed ones: among them Python's
 * non-ASCII white space, line ends other than one final \n, comparisons of two strings, escapes in
 * quoted strings and URLs that Python's urllib strips or rejects.
 */
final class MarkerGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VARIABLES = {"python_version", "python_full_version", "os_name", "os.name",
        "sys_platform", "sys.platform", "platform_release", "platform_system", "platform_version",
        "platform_machine", "platform.machine", "platform_python_implementation", "python_implementation",
        "implementation_name", "implementation_version", "extra"};
    private static final String[] OPERATORS = {"==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in"};
    private static final String[] VALUES = {"3.8", "3.10", "3.11", "3.12", "2.7", "3", "3.9.1", "3.11.0rc1", "linux",
        "win32", "darwin", "Linux", "Windows", "x86_64", "aarch64", "posix", "nt", "cpython", "CPython", "gpu",
        "Test_Extra", "test-extra", "5.15.0", "5.15.0-1031-azure", "#1 SMP", "", "lin", "3.*", "1.0.*"};
    private static final String[] VERSION_VALUES = {"3.8", "3.10", "3.11", "3.12", "2.7", "3", "3.9.1", "3.11.0rc1", "3.*"};
    private static final String[] STRING_VALUES = {"linux", "win32", "darwin", "Linux", "Windows", "x86_64", "posix",
        "nt", "cpython", "CPython", "gpu", "Test_Extra", "test-extra", "", "lin"};
    private static final String[] VERSION_OPERATORS = {"==", "!=", "<", "<=", ">", ">=", "~="};
    private static final String[] STRING_OPERATORS = {"==", "!=", "in", "not in", "<", ">="};
    private static final String[] NAMES = {"numpy", "Typing_Extensions", "tensorflow", "torch", "scikit-learn",
        "zope.interface", "a", "A1", "foo-bar_baz.qux", "x"};
    private static final String[] URLS = {"https://example.org/pkg-1.0.tar.gz", "file:///opt/wheels/x.whl",
        "git+https://github.com/org/repo@abc123#egg=x", "file://localhost/tmp/x.whl", "file:/tmp/x.whl",
        "FILE:///tmp/x", "/local/path", "http://host", "file:///tmp/x.whl?", "https://h/p.zip#sha256=ab",
        "https:\n//example.org/a", "https://example.org/a\r", "\u0001https://example.org/a", "file:///tmp/x.whl\n",
        "http://[::1]/x", "http://[::1/x", "http://::1]/x", "http://[v1.x]:80/", "http://[1.2.3.4]/",
        "http://ex\uff0fample.com/a", "http://ex\u00e9mple.com/a"};

    /** Python's white space that is not packaging's WS ({@code [ \t]}); tabs stay out, they separate the oracle's fields. */
    private static final String[] UNICODE_SPACES = {"\u00a0", "\u2003", "\u3000", "\u0085", "\u000b", "\u001c", "\u202f"};
    /** Line ends: Python's {@code $} allows only one final \n. */
    private static final String[] LINE_ENDS = {"\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\n\n"};
    /** The right side of a comparison of two strings, which packaging looks up in the environment. */
    private static final String[] LOOKED_UP = {"python_version", "os_name", "extra", "platform_release", "sys_platform",
        "platform_python_implementation", "os.name", "python_implementation", "a", "linux", "3.11", ""};
    /** Python escapes and line continuations inside quoted strings. */
    private static final String[] ESCAPES = {"\\x6c", "\\u0069", "\\N{LATIN SMALL LETTER N}", "\\N{latin small letter u}",
        "\\\n", "\\\r", "\\\r\n", "\r", "\\x\u0661\u0661", "\\N{HANGUL SYLLABLE GA}", "\\t", "\\q"};

    private final Random random;
    private final Pep440Generator versions;

    MarkerGenerator(long seed) {
        this.random = new Random(seed);
        this.versions = new Pep440Generator(seed);
    }

    String marker() {
        String m = expression(0);
        m = random.nextInt(25) == 0 ? versions.mutate(m) : m;
        return random.nextInt(20) == 0 ? m + pick(LINE_ENDS) : m;
    }

    private String expression(int depth) {
        StringBuilder e = new StringBuilder(atom(depth));
        for (int i = random.nextInt(depth == 0 ? 3 : 2); i > 0; i--) {
            e.append(random.nextBoolean() ? " and " : " or ").append(atom(depth));
        }
        return e.toString();
    }

    private String atom(int depth) {
        if (depth < 2 && random.nextInt(5) == 0) {
            return "(" + expression(depth + 1) + ")";
        }
        String variable = pick(VARIABLES);
        boolean versionLike = variable.startsWith("python") || variable.equals("implementation_version");
        // mostly sensible pairs (versions with version facts), some nonsense to exercise the errors
        String value = quote(decorate(random.nextInt(5) == 0 ? pick(VALUES) : versionLike ? pick(VERSION_VALUES) : pick(STRING_VALUES)));
        String op = random.nextInt(3) == 0 ? pick(OPERATORS) : versionLike ? pick(VERSION_OPERATORS) : pick(STRING_OPERATORS);
        String space = random.nextInt(4) == 0 ? "" : random.nextInt(30) == 0 ? pick(UNICODE_SPACES) : " ";
        if (random.nextInt(12) == 0) {
            return value + space + op + space + quote(pick(LOOKED_UP)); // two strings: the right one is looked up
        }
        return random.nextInt(6) == 0 ? value + space + op + space + variable : variable + space + op + space + value;
    }

    /** Now and then white space Python's {@code \s} knows around a value, or an escape inside it. */
    private String decorate(String value) {
        return switch (random.nextInt(30)) {
            case 0 -> pick(UNICODE_SPACES) + value;
            case 1 -> value + pick(UNICODE_SPACES);
            case 2, 3 -> {
                int at = random.nextInt(value.length() + 1);
                yield value.substring(0, at) + pick(ESCAPES) + value.substring(at);
            }
            default -> value;
        };
    }

    private String quote(String value) {
        return random.nextBoolean() ? "\"" + value + "\"" : "'" + value + "'";
    }

    /** Every variable set, with values drawn from realistic ones. */
    String environmentJson() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("implementation_name", random.nextBoolean() ? "cpython" : "pypy");
        env.put("implementation_version", pick(new String[] {"3.11.2", "3.8.10", "7.3.11"}));
        env.put("os_name", random.nextBoolean() ? "posix" : "nt");
        env.put("platform_machine", pick(new String[] {"x86_64", "aarch64", "AMD64", "arm64"}));
        env.put("platform_release", pick(new String[] {"5.15.0", "5.15.0-1031-azure", "6.1.0-13-amd64", "10", "22.1.0"}));
        env.put("platform_system", pick(new String[] {"Linux", "Windows", "Darwin"}));
        env.put("platform_version", pick(new String[] {"#1 SMP PREEMPT_DYNAMIC", "10.0.19045", "Darwin Kernel Version 22.1.0"}));
        env.put("python_full_version", pick(new String[] {"3.11.2", "3.8.10", "3.12.0rc1", "3.10.12", "2.7.18"}));
        env.put("platform_python_implementation", random.nextBoolean() ? "CPython" : "PyPy");
        env.put("python_version", pick(new String[] {"3.11", "3.8", "3.12", "3.10", "2.7"}));
        env.put("sys_platform", pick(new String[] {"linux", "win32", "darwin"}));
        env.put("extra", pick(new String[] {"", "gpu", "Test_Extra", "test-extra"}));
        try {
            return JSON.writeValueAsString(env);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> parseEnvironment(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String requirement() {
        StringBuilder r = new StringBuilder(pick(NAMES));
        if (random.nextInt(4) == 0) {
            r.append(random.nextBoolean() ? "" : " ").append('[').append(pick(new String[] {"gpu", "a,b", " test , Dev ", ""})).append(']');
        }
        if (random.nextInt(4) == 0) {
            r.append(random.nextBoolean() ? " @ " : "@").append(pick(URLS));
            if (random.nextInt(3) == 0) {
                r.append(" ; ").append(expression(1));
            }
        } else {
            if (random.nextInt(3) != 0) {
                String spec = versions.specifierSet();
                if (random.nextInt(10) == 0) {
                    // after an operator Python's \s is skipped; after a version it ends the specifier
                    int operatorEnd = spec.length() - spec.replaceFirst("^[<>=!~]+", "").length();
                    int at = random.nextBoolean() ? operatorEnd : spec.length();
                    spec = spec.substring(0, at) + pick(UNICODE_SPACES) + spec.substring(at);
                }
                r.append(random.nextInt(4) == 0 ? " (" + spec + ")" : random.nextBoolean() ? spec : " " + spec);
            }
            if (random.nextInt(3) == 0) {
                r.append(random.nextBoolean() ? ";" : " ; ").append(expression(1));
            }
        }
        String text = r.toString();
        text = random.nextInt(15) == 0 ? versions.mutate(text) : text;
        return random.nextInt(15) == 0 ? text + pick(LINE_ENDS) : text;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
