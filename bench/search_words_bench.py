"""What understanding how drafters type costs a search: synonyms on against off, on the search bench's corpus.

Not part of the test run.  Usage (from the repository root)::

    .venv/bin/python bench/search_words_bench.py --size 10k

Builds this project's index over the generated corpus of ``bench/search_bench.py`` (same seed, same documents),
then times, in one process, 3 rounds after a warm-up round, top 10 with fragments:

* the search bench's 20 queries (plain words; most have more than 10 exact hits, so no looser tier runs) with the
  dictionary on and off: what the expansion machinery costs a query that does not need it;
* queries as drafters type them (abbreviations, traditional characters, compounds, document numbers, typos), on
  and off: what the looser tiers and the suggestions cost when they run;
* the one-off build of the suggestion vocabulary (the first query with few hits in a process).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import QUERIES, SIZES, Ours, generate  # noqa: E402

WORD_QUERIES = ("社保", "公租房", "户口 制度", "异地就医", "戶籍制度", "異地就醫", "小贷公司 营商环境", "人社局 就业",
                "医保", "两办", "56号", "厅字﹝2019﹞56号", "户藉", "档按转递", "营伤环境")


def timings(index, queries, synonyms: bool, rounds: int = 3) -> list[float]:
    for q in queries:
        index.search(q, limit=10, synonyms=synonyms)
    times = []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            index.search(q, limit=10, synonyms=synonyms)
            times.append((time.perf_counter() - t) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k", choices=tuple(SIZES))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-words-bench-") as work:
        docs = generate(SIZES[args.size])
        ours = Ours(Path(work), 1)
        build = ours.build(docs)
        index = ours.index
        print(f"{args.size}: {SIZES[args.size]} clauses, index built in {build:.1f} s")
        t = time.perf_counter()
        index._current_vocabulary()
        print(f"suggestion vocabulary built once in {(time.perf_counter() - t) * 1000:.0f} ms")
        for label, queries in (("search bench queries", QUERIES), ("drafters' queries", WORD_QUERIES)):
            for synonyms in (False, True):
                times = timings(index, queries, synonyms)
                print(f"  {label:22} synonyms {'on ' if synonyms else 'off'}  median {statistics.median(times):6.2f} ms"
                      f"  p95 {p95(times):6.2f} ms  max {max(times):6.2f} ms")
        for q in WORD_QUERIES:
            hits = index.search(q, limit=10)
            print(f"    {q:12} {len(hits):2} hits {'(truncated)' if hits.truncated else '':11} "
                  f"{'/'.join(dict.fromkeys(h.matched_via for h in hits))} {' '.join(hits.suggestions)}")
        ours.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
