"""The Python side of the spec-matching benchmark: packaging 23.0 on the same batch as JMH.

Prints questions per second for the same two shapes: specs and versions parsed once then matched
(`match-parsed`), and parse-then-match per line (`parse-and-match`), each the best of several rounds.
"""
import sys
import time

import packaging
from packaging.specifiers import SpecifierSet
from packaging.version import Version


def load(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t", 1) for line in f if line.strip() and not line.startswith("#")]


def best_rate(run, questions, rounds=5):
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = max(best, questions / (time.perf_counter() - start))
    return best


def main():
    batch = load(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/spec-batch.tsv")
    parsed = [(SpecifierSet(s), Version(v)) for s, v in batch]

    def match_parsed():
        for spec, version in parsed:
            spec.contains(version, prereleases=True)

    def parse_and_match():
        for s, v in batch:
            SpecifierSet(s).contains(Version(v), prereleases=True)

    print(f"python {sys.version.split()[0]}, packaging {packaging.__version__}, {len(batch)} questions")
    print(f"match-parsed     {best_rate(match_parsed, len(batch)):>14,.0f} questions/s")
    print(f"parse-and-match  {best_rate(parse_and_match, len(batch)):>14,.0f} questions/s")


if __name__ == "__main__":
    main()
