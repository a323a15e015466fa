"""Answers envaudit's differential tests with Python's `packaging` (Debian's python3-packaging 23.0).

Reads one question per line on stdin, fields separated by tabs, and prints exactly one answer line
per question, in order. Any exception becomes "error" (with its type), so answers stay aligned.
Inputs and answers may hold line breaks, so both directions escape backslash, LF and CR with a backslash
(a backslash, "n", "r" after it).

  version  V            -> ok <TAB> str <TAB> public <TAB> base_version <TAB> is_prerelease <TAB> is_postrelease <TAB> is_devrelease
  compare  A <TAB> B    -> -1 | 0 | 1
  contains S <TAB> V    -> true | false   (SpecifierSet(S).contains(V, prereleases=True), as pip check asks)
  marker   M <TAB> ENV  -> true | false <TAB> str(Marker(M))   (ENV: a JSON object of environment values)
                          or "error <TAB> TrailingText" where 23.0 silently ignores text after a
                          complete marker and later releases reject it (envaudit follows the fix)
  require  R            -> ok <TAB> name <TAB> sorted extras, comma-joined <TAB> str(specifier) <TAB> url <TAB> str(marker)
  specstr  S            -> ok <TAB> str(SpecifierSet(S))
  speceq   A <TAB> B    -> true | false   (SpecifierSet(A) == SpecifierSet(B))

Emulated fix (envaudit follows it, 23.0 does not have it): packaging 26.0, PR #932 ("Return False instead
of raising for .contains with invalid version"). In marker evaluation, a value that is not a PEP 440 version
compared by a version operator (platform_release >= "5" on "5.15.0-1031-azure") makes that comparison
False; 23.0 raised InvalidVersion. Only the Specifier that packaging.markers uses is wrapped, so the
"contains" questions still see 23.0's Specifier unchanged.
"""
import io
import json
import re
import sys

import packaging
import packaging.markers
from packaging._parser import _parse_marker
from packaging._tokenizer import DEFAULT_RULES, Tokenizer
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.specifiers import Specifier
from packaging.version import InvalidVersion, Version


class TrailingText(Exception):
    pass


class Pr932Specifier(Specifier):
    """23.0's Specifier, except that contains() answers False for an item that is not a PEP 440 version."""

    def contains(self, item, prereleases=None):
        try:
            return super().contains(item, prereleases=prereleases)
        except InvalidVersion:
            return False


packaging.markers.Specifier = Pr932Specifier  # markers look the name up when they compare


def flag(value):
    return "true" if value else "false"


def answer(fields):
    kind = fields[0]
    if kind == "version":
        v = Version(fields[1])
        return "\t".join(["ok", str(v), v.public, v.base_version,
                          flag(v.is_prerelease), flag(v.is_postrelease), flag(v.is_devrelease)])
    if kind == "compare":
        a, b = Version(fields[1]), Version(fields[2])
        return str((a > b) - (a < b))
    if kind == "contains":
        return flag(SpecifierSet(fields[1]).contains(Version(fields[2]), prereleases=True))
    if kind == "marker":
        m = Marker(fields[1])
        tokenizer = Tokenizer(fields[1], rules=DEFAULT_RULES)
        _parse_marker(tokenizer)
        if not tokenizer.check("END"):
            raise TrailingText()
        return flag(m.evaluate(json.loads(fields[2]))) + "\t" + str(m)
    if kind == "specstr":
        return "ok\t" + str(SpecifierSet(fields[1]))
    if kind == "speceq":
        return flag(SpecifierSet(fields[1]) == SpecifierSet(fields[2]))
    if kind == "require":
        r = Requirement(fields[1])
        return "\t".join(["ok", r.name, ",".join(sorted(r.extras)), str(r.specifier),
                          r.url or "", str(r.marker) if r.marker else ""])
    raise ValueError("unknown question " + kind)


ESCAPED = re.compile(r"\\(.)")
UNESCAPE = {"n": "\n", "r": "\r"}


def unescape(text):
    return ESCAPED.sub(lambda m: UNESCAPE.get(m.group(1), m.group(1)), text)


def escape(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def main():
    # lines end at \n only, and no newline is translated: the text is read and written as sent
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    out.write("packaging " + packaging.__version__ + "\n")
    out.flush()
    for line in stdin:
        fields = [unescape(field) for field in line.rstrip("\n").split("\t")]
        try:
            out.write(escape(answer(fields)))
        except Exception as e:  # every failure is an answer too
            out.write("error\t" + type(e).__name__)
        out.write("\n")
    out.flush()


if __name__ == "__main__":
    main()
