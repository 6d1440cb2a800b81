"""CPU time of single queries in one process, the Python ranking against numpy's, on an index kept by search_bench.

Not part of the test run.  Usage (from the repository root)::

    .venv/bin/python bench/search_bench.py --sizes 100k --systems ours --keep     # prints the work dir
    .venv/bin/python bench/query_cpu.py WORKDIR/100k/userdata                    # the benchmark's queries
    .venv/bin/python bench/query_cpu.py WORKDIR/100k/userdata "就业 创业 服务" 档案  # or those given

Each query: one untimed run, then the median CPU time (``time.process_time``) of --runs runs, first with the
numpy ranking off (the command line's case), then on (the window's, once numpy is loaded).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="a data directory with an index (search_bench --keep)")
    parser.add_argument("queries", nargs="*", help="default: the search benchmark's queries")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ["POLICYDESK_DATA_DIR"] = str(args.data_dir)
    from search_bench import QUERIES

    from desktop_app.core.corpus import Corpus
    from desktop_app.search import SearchIndex, vector

    index = SearchIndex.open(Corpus.load_default())
    print(f"{index.doc_count()} units; median CPU ms of {args.runs} runs: python → numpy")
    assert vector.load(), "numpy cannot be imported"
    numpy = vector.numpy_if_loaded()
    for query in args.queries or QUERIES:
        medians = []
        for loaded in (None, numpy):
            vector._Loaded.numpy = loaded
            index.search(query, limit=10)
            times = []
            for _ in range(args.runs):
                t = time.process_time()
                index.search(query, limit=10)
                times.append(time.process_time() - t)
            medians.append(statistics.median(times) * 1000)
        print(f"  {query:<12}  {medians[0]:7.1f} → {medians[1]:6.1f}")
    index.close()


if __name__ == "__main__":
    main()
