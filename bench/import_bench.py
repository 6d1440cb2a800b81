"""Import and link-suggestion timings.

    /work/venv/bin/python bench/import_bench.py [--runs N]

Measures, in a throwaway data directory: reading + structuring the Liaoning
measures from .txt and from a generated .docx; link suggestion for the Liaoning
measures as a new provincial document (18 clauses against 16 central ones)
and for a long generated city plan (200 clauses against 34); saving a document
with its links; updating the search index for it (as ``import --yes`` does);
refusing a 50 MB text file and a zip-bomb .docx.  jieba's load
is measured once, separately.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def make_files(tmp: Path, corpus) -> dict[str, Path]:
    """The files the benchmark imports: Liaoning as .txt and .docx, a 200-clause plan, a 50 MB text, a zip bomb."""
    import docx

    from desktop_app import paths
    from desktop_app.core.numerals import int_to_cn

    source = paths.policy_texts_dir() / "sources" / "liaoning-measures.txt"
    files = {name: tmp / name for name in ("liaoning.txt", "liaoning.docx", "long.txt", "huge.txt", "bomb.docx")}
    files["liaoning.txt"].write_bytes(source.read_bytes())
    word = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        word.add_paragraph(line)
    word.save(files["liaoning.docx"])
    clauses = corpus.document("liaoning").clauses
    files["long.txt"].write_text("\n".join(["某市实施方案", "一、任务"] + [
        f"（{int_to_cn(n)}）{clauses[n % 18].heading}。{clauses[n % 18].body}" for n in range(1, 201)]),
        encoding="utf-8")
    files["huge.txt"].write_bytes(b"a" * (50 * 2**20))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b" " * (100 * 2**20))
    files["bomb.docx"].write_bytes(buf.getvalue())
    return files


def rows(corpus, files: dict[str, Path]) -> list[tuple[str, object]]:
    from desktop_app.core.corpus import Corpus
    from desktop_app.importing import ImportFailed, load_file, prepare_import
    from desktop_app.importing.plan import update_search_index
    from desktop_app.importing.store import UserStore
    from desktop_app.linking import accepted_links, suggest_links
    from desktop_app.search import SearchIndex

    def refuse(path):
        try:
            load_file(path)
        except ImportFailed:
            return
        raise AssertionError("not refused")

    counter = iter(range(10**6))

    def save():
        plan = prepare_import(corpus, files["liaoning.txt"], doc_id=f"p{next(counter)}")
        UserStore().save(plan.document, plan.default_links())

    save()  # one imported document, then an index holding it
    start = time.perf_counter()
    SearchIndex.open(Corpus.load_default()).close()
    print(f"build the search index once (shipped corpus + 1 import): {(time.perf_counter() - start) * 1000:.0f} ms")
    liaoning = replace(corpus.document("liaoning"), id="copy")
    long_doc = load_file(files["long.txt"], doc_id="long").document
    return [
        ("read + structure liaoning .txt (18 clauses)", lambda: load_file(files["liaoning.txt"], doc_id="x")),
        ("read + structure liaoning .docx", lambda: load_file(files["liaoning.docx"], doc_id="x")),
        ("suggest links: liaoning copy → central (18×16)", lambda: suggest_links(corpus, liaoning)),
        (f"suggest links: long city plan ({len(long_doc.clauses)}×34)",
         lambda: accepted_links(long_doc, suggest_links(corpus, long_doc))),
        ("whole import + save with links (txt)", save),
        ("update the search index for it (open, which indexes what changed)", update_search_index),
        ("refuse 50 MB .txt", lambda: refuse(files["huge.txt"])),
        ("refuse zip bomb .docx (100 MB declared)", lambda: refuse(files["bomb.docx"])),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="policydesk-bench-"))
    os.environ["POLICYDESK_DATA_DIR"] = str(tmp / "data")

    from desktop_app.core import segment
    from desktop_app.core.corpus import Corpus

    start = time.perf_counter()
    segment.tokenizer()
    print(f"jieba load (once per process): {(time.perf_counter() - start) * 1000:.0f} ms")
    corpus = Corpus.load()
    measured = rows(corpus, make_files(tmp, corpus))
    print(f"median / worst of {args.runs} runs")
    for name, fn in measured:
        fn()  # warm-up
        median, worst = timed(fn, args.runs)
        print(f"{name:55s} {median:8.1f} ms {worst:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
