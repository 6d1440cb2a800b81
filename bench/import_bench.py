"""Import and link-suggestion timings.

    /work/venv/bin/python bench/import_bench.py [--runs N]

Measures, in a throwaway data directory: reading + structuring the Liaoning
measures from .txt and from a generated .docx; link suggestion for the Liaoning
measures as a new provincial document (18 clauses against 16 central ones)
and for a long generated city plan (200 clauses against 34); saving a document
with its links; refusing a 50 MB text file and a zip-bomb .docx.  jieba's load
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="policydesk-bench-"))
    os.environ["POLICYDESK_DATA_DIR"] = str(tmp / "data")

    import docx

    from desktop_app import paths
    from desktop_app.core import segment
    from desktop_app.core.corpus import Corpus
    from desktop_app.core.numerals import int_to_cn
    from desktop_app.importing import ImportFailed, load_file, prepare_import
    from desktop_app.importing.store import UserStore
    from desktop_app.linking import accepted_links, suggest_links

    start = time.perf_counter()
    segment.tokenizer()
    print(f"jieba load (once per process): {(time.perf_counter() - start) * 1000:.0f} ms")
    corpus = Corpus.load()
    source = paths.policy_texts_dir() / "sources" / "liaoning-measures.txt"
    txt = tmp / "liaoning.txt"
    txt.write_bytes(source.read_bytes())
    word = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        word.add_paragraph(line)
    word.save(tmp / "liaoning.docx")
    liaoning = replace(corpus.document("liaoning"), id="copy")
    clauses = corpus.document("liaoning").clauses
    long_plan = "\n".join(["某市实施方案", "一、任务"] + [
        f"（{int_to_cn(n)}）{clauses[n % 18].heading}。{clauses[n % 18].body}" for n in range(1, 201)])
    long_txt = tmp / "long.txt"
    long_txt.write_text(long_plan, encoding="utf-8")
    long_doc = load_file(long_txt, doc_id="long", kind=None, by_paragraph=False).document
    huge = tmp / "huge.txt"
    huge.write_bytes(b"a" * (50 * 2**20))
    bomb = tmp / "bomb.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b" " * (100 * 2**20))
    bomb.write_bytes(buf.getvalue())

    def refuse(path):
        try:
            load_file(path)
        except ImportFailed:
            return
        raise AssertionError("not refused")

    counter = iter(range(10**6))

    def save():
        plan = prepare_import(corpus, txt, doc_id=f"p{next(counter)}")
        UserStore().save(plan.document, plan.default_links())

    rows = [
        ("read + structure liaoning .txt (18 clauses)", lambda: load_file(txt, doc_id="x")),
        ("read + structure liaoning .docx", lambda: load_file(tmp / "liaoning.docx", doc_id="x")),
        ("suggest links: liaoning copy → central (18×16)", lambda: suggest_links(corpus, liaoning)),
        (f"suggest links: long city plan ({len(long_doc.clauses)}×34)",
         lambda: accepted_links(long_doc, suggest_links(corpus, long_doc))),
        ("whole import + save with links (txt)", save),
        ("refuse 50 MB .txt", lambda: refuse(huge)),
        ("refuse zip bomb .docx (100 MB declared)", lambda: refuse(bomb)),
    ]
    print(f"median / worst of {args.runs} runs")
    for name, fn in rows:
        fn()  # warm-up
        median, worst = timed(fn, args.runs)
        print(f"{name:55s} {median:8.1f} ms {worst:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
