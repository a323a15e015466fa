package io.envaudit.engine.pep508;

import io.envaudit.engine.version.InvalidSpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The URL after {@code @} is checked with Python's {@code urllib.parse.urlparse}, which (as Debian's
 * Python 3.11.2 has it) first strips leading C0 controls and spaces and removes every tab, CR and LF, then
 * rejects an unbalanced or malformed bracketed host and a non-ASCII host whose NFKC form holds one of
 * {@code / ? # @ :}. Each answer is packaging 23.0's under /usr/bin/python3.
 */
class Pep508DirectReferenceTest {

    static List<String> accepted() {
        return List.of("https:\n//x.org/a", "https://x.org/a\n", "https://x\r.org/a", "\u0001https://x.org/a",
                "http:/\n/x.org/", "https://x.org/a\u2028", "file:///a", "http://[::1]/x", "http://[::1]:8080/x",
                "http://user@[::1]/x", "http://[v1.x]/x", "http://[::1%eth0]/", "http://[x]@v1.a/",
                "http://[::ffff:1.2.3.4]/", "http://[1:2:3:4:5:6:7:8]/", "http://[1::]/", "http://[::]/",
                "http://[1:2:3:4:5:6:7::]/", "http://[::2:3:4:5:6:7:8]/", "http://[1:2:3:4:5:6:1.2.3.4]/",
                "http://[::1]:ab/", "http://[v1.\u2028]/", "http://[v1.a\r]/", "file://[::1]/x",
                "http://ex\u00e9mple.com/", "http://\uff25\uff38.com/");
    }

    static List<String> rejected() {
        return List.of("file:///a\n", "\nfile:///tmp/x", "http://[::1/x", "http://::1]/x", "http://[::1]]/",
                "http://ex\uff0fample.com/a", "http://exa\u2100mple.com/", "http://ex\uff20ample/", "http://ex\ufe56ample/",
                "http://ex\u00e9mple.com:\u2100/", "file://[::1/x", "file://ex\uff0fample/x",
                "http://[::1]x/x", "http://a[::1]/x", "http://[1.2.3.4]/x", "http://[vz.x]/x", "http://[V1.x]/x",
                "http://[v1.]/x", "http://[::1%]/", "http://[::1%a%b]/", "http://[x]@example.com/",
                "http://[1:2:3:4:5:6:7:8:9]/", "http://[::ffff:01.2.3.4]/", "http://[::ffff:1.2.3.256]/",
                "http://[1::2::3]/", "http://[12345::]/", "http://[:1::]/", "http://[1:2:3:4:5:6:7]/",
                "http://[1:2:3:4:5:6:7:1.2.3.4]/", "http://[::\u0661]/", "http://[]/", "http://[[::1]/");
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptedAsWritten(String url) {
        assertEquals(url, Requirement.parse("foo @ " + url).url());
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejected(String url) {
        assertThrows(InvalidSpecException.class, () -> Requirement.parse("foo @ " + url));
    }
}
