"""Search benchmark: this project's index against what drafters would otherwise use.

Not part of the test run.  Usage (from the repository root)::

    /work/venv/bin/python bench/search_bench.py                    # 1k, 10k and 100k clauses
    /work/venv/bin/python bench/search_bench.py --sizes 1k,10k --systems ours,naive

Corpora are generated from the real texts (``policy_texts/``), deterministically
(seeded): a generated document is a city's plan of 4 parts and 18 clauses, each
clause a real clause's heading followed by 2–6 sentences drawn from the pool of
real clause sentences (split at 。；), with 辽宁(省) replaced by one of the 14
Liaoning cities.  So the vocabulary and its frequencies are those of the real
texts, and every query term occurs in many clauses (a hard case for ranking).

Systems, side by side on the same corpus and queries:

* ``ours``: ``desktop_app.search.SearchIndex`` (whoosh, the project's analyzer, BM25F, fragments);
* ``naive``: whoosh with ``jieba.analyse.ChineseAnalyzer`` on heading and body, one writer,
  ``MultifieldParser`` with AND, whoosh's highlighter (the baseline the issue names);
* ``scan``: every clause text checked for every query word (what Ctrl-F in Word does), first 10
  matches with their positions marked;
* ``fts5``: SQLite FTS5 over jieba search-mode tokens (the project's segmenter), bm25 ranking,
  ``highlight()``.

Measured: build time, index size, query latency (median and p95 over the fixed query set,
3 rounds, top 10 with highlighted fragments), and a fresh process from start to its first
result (wall time, median of 3 after an untimed run that writes Python's bytecode cache as an
installed program has it, and peak RSS), with ratios against the naive baseline.  For ``ours``
the fresh process is ``policydesk search`` through its real entry point.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.core.corpus import Corpus  # noqa: E402
from desktop_app.core.model import Clause, Document, DocumentKind, Part  # noqa: E402
from desktop_app.workspace import Workspace  # noqa: E402

CITIES = ("沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "铁岭", "朝阳", "盘锦",
          "葫芦岛")
QUERIES = ("异地就医", "档案", "档案转递", "落户", "三支一扶", "高技能人才", "一网通办", "飞地经济", "公益性岗位",
           "建档立卡", "随迁子女", "职称", "技能人才 评价", "失业保险", "共有产权住房", "创业孵化基地", "营商环境",
           "社会性流动", "就业 创业 服务", "基本公共服务 均等化")
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
CLAUSES_PER_DOC = 18
SYSTEMS = ("ours", "naive", "scan", "fts5")


# ---- corpus generation ------------------------------------------------------------------------

def generate(n_clauses: int, seed: int = 20191229) -> list[Document]:
    """*n_clauses* clauses in documents of 18, made from the real texts (see the module docstring)."""
    real = Corpus.load(builtin_dir=ROOT / "policy_texts")
    full = [c for d in real.documents for c in d.clauses if c.paragraphs]
    sentences = [s for c in full for p in c.paragraphs for s in re.findall(r"[^。；]+[。；]", p)]
    headings = [c.heading for d in real.documents for c in d.clauses]
    part_headings = [p.heading for d in real.documents for p in d.parts if p.heading]
    rng = random.Random(seed)
    docs = []
    for n in range((n_clauses + CLAUSES_PER_DOC - 1) // CLAUSES_PER_DOC):
        city = CITIES[n % len(CITIES)]
        count = min(CLAUSES_PER_DOC, n_clauses - n * CLAUSES_PER_DOC)
        docs.append(_document(rng, f"gen{n:05d}", city, count, (sentences, headings, part_headings)))
    return docs


def plans(n_plans: int, clauses_each: int, seed: int = 20191229) -> list[Document]:
    """*n_plans* long city plans of *clauses_each* clauses (generated documents joined, parts renumbered)."""
    short = generate(n_plans * clauses_each, seed)
    per_plan = -(-clauses_each // CLAUSES_PER_DOC)
    joined = []
    for n in range(n_plans):
        parts = [p for d in short[n * per_plan:(n + 1) * per_plan] for p in d.parts]
        parts = [replace(p, id=f"part_{i + 1}", num=f"{i + 1}.",
                         clauses=tuple(replace(c, id=f"part_{i + 1}__para_{k + 1}", part_id=f"part_{i + 1}")
                                       for k, c in enumerate(p.clauses)))
                 for i, p in enumerate(parts)]
        first = short[n * per_plan]
        joined.append(replace(first, id=f"plan{n:03d}", title=first.title.replace(first.id, f"plan{n:03d}"),
                              parts=tuple(parts)))
    return joined


def save_documents(docs: list[Document], data_dir: Path, age_s: float = 3600) -> None:
    """*docs* saved as imported documents of the data directory, written *age_s* seconds ago."""
    from desktop_app.core.xmlio import document_to_xml

    folder = data_dir / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    then = time.time() - age_s
    for doc in docs:
        path = folder / f"{doc.id}.xml"
        path.write_bytes(document_to_xml(doc))
        os.utime(path, (then, then))


def _document(rng, doc_id, city, count, pools) -> Document:
    sentences, headings, part_headings = pools

    def sub(text: str) -> str:
        return text.replace("辽宁省", city + "市").replace("辽宁", city)

    parts, clause_no = [], 0
    per_part = -(-count // 4)
    for p in range(4):
        clauses = []
        for _ in range(min(per_part, count - clause_no)):
            clause_no += 1
            body = "".join(sub(s) for s in rng.sample(sentences, rng.randint(2, 6)))
            clauses.append(Clause(id=f"part_{p + 1}__para_{clause_no}", num=f"（{clause_no}）",
                                  heading=rng.choice(headings), paragraphs=(body,), part_id=f"part_{p + 1}"))
        if clauses:
            parts.append(Part(id=f"part_{p + 1}", num=f"{'一二三四'[p]}、", heading=rng.choice(part_headings),
                              clauses=tuple(clauses)))
    return Document(id=doc_id, title=f"{city}市促进劳动力和人才社会性流动体制机制改革实施方案（{doc_id}）",
                    kind=DocumentKind.CITY, parts=tuple(parts))


def clause_rows(docs: list[Document]) -> list[tuple[str, str, str, str]]:
    return [(d.id, c.id, c.heading, c.text_without_num()) for d in docs for c in d.clauses]


# ---- the systems ------------------------------------------------------------------------------

class Ours:
    name = "ours"

    def __init__(self, work: Path, procs: int):
        self.data, self.procs = work / "userdata", procs

    def build(self, docs):
        """The generated documents saved as imported ones (an hour ago), then indexed as the app does."""
        from desktop_app.search import SearchIndex

        save_documents(docs, self.data)
        os.environ["POLICYDESK_DATA_DIR"] = str(self.data)
        corpus = Corpus.load_default()
        t = time.perf_counter()
        self.index = SearchIndex.open(corpus, procs=self.procs)
        elapsed = time.perf_counter() - t  # the index alone, not saving and reading the documents
        self.load_vector_math()
        return elapsed

    def load_vector_math(self):
        """What the window does once its index is open (ui/search_service.py), in the background there: numpy for
        the ranking of a large library.  Not timed: the queries are, and the fresh process (the command line)
        never loads it."""
        from desktop_app.search import vector

        if vector.worth_loading(self.index.doc_count()):
            vector.load()

    def size(self) -> int:
        return _du(self.data / "index")

    def query(self, q: str) -> int:
        hits = self.index.search(q, limit=10)
        return sum(len(f.spans) for h in hits for f in h.fragments) and len(hits)

    def close(self):
        self.index.close()

    def cold_script(self) -> str:
        # What `policydesk search QUERY` does, through its real entry point, output captured.
        return f"""
import contextlib, io, time
t0 = time.perf_counter()
from desktop_app.cli import main
t1 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(["search", {QUERIES[0]!r}, "--limit", "10"])
assert code == 0 and "【" in out.getvalue(), out.getvalue()
t2 = time.perf_counter()
print(json.dumps({{"startup": t1 - t0, "open_and_first_result": t2 - t1}}))
"""


class Naive:
    name = "naive"

    def __init__(self, work: Path, procs: int):
        self.dir = work / "naive"

    def build(self, docs):
        from jieba.analyse import ChineseAnalyzer
        from whoosh import index
        from whoosh.fields import ID, STORED, TEXT, Schema

        schema = Schema(doc=ID(stored=True), id=STORED(), heading=TEXT(analyzer=ChineseAnalyzer(), stored=True),
                        body=TEXT(analyzer=ChineseAnalyzer(), stored=True))
        self.dir.mkdir(parents=True, exist_ok=True)
        self.ix = index.create_in(str(self.dir), schema)
        writer = self.ix.writer()
        for doc, cid, heading, body in clause_rows(docs):
            writer.add_document(doc=doc, id=cid, heading=heading, body=body)
        writer.commit()
        self.searcher = self.ix.searcher()

    def size(self) -> int:
        return _du(self.dir)

    def query(self, q: str) -> int:
        from whoosh.qparser import MultifieldParser

        parsed = MultifieldParser(["heading", "body"], self.ix.schema).parse(q)
        results = self.searcher.search(parsed, limit=10)
        return len([h.highlights("body") for h in results])

    def close(self):
        self.searcher.close()

    def cold_script(self) -> str:
        return f"""
import time
t0 = time.perf_counter()
from whoosh import index
from whoosh.qparser import MultifieldParser
import jieba.analyse
ix = index.open_dir({str(self.dir)!r})
s = ix.searcher()
results = s.search(MultifieldParser(["heading", "body"], ix.schema).parse({QUERIES[0]!r}), limit=10)
first = results[0].highlights("body")
print(json.dumps({{"startup": 0.0, "open_and_first_result": time.perf_counter() - t0}}))
"""


class Scan:
    name = "scan"

    def __init__(self, work: Path, procs: int):
        self.file = work / "scan.pickle"

    def build(self, docs):
        self.rows = clause_rows(docs)
        with open(self.file, "wb") as f:
            pickle.dump(self.rows, f, protocol=pickle.HIGHEST_PROTOCOL)

    def size(self) -> int:
        return self.file.stat().st_size

    def query(self, q: str) -> int:
        return len(scan(self.rows, q))

    def close(self):
        pass

    def cold_script(self) -> str:
        return f"""
import pickle, time, re
t0 = time.perf_counter()
sys.path.insert(0, {str(ROOT / "bench")!r})
from search_bench import scan
with open({str(self.file)!r}, "rb") as f:
    rows = pickle.load(f)
t1 = time.perf_counter()
hits = scan(rows, {QUERIES[0]!r})
print(json.dumps({{"startup": t1 - t0, "open_and_first_result": time.perf_counter() - t1}}))
"""


def scan(rows, q: str, limit: int = 10):
    """Ctrl-F: clauses holding every word of *q*, in document order, with the words' positions."""
    words = q.split()
    hits = []
    for doc, cid, _heading, text in rows:
        if all(w in text for w in words):
            hits.append((doc, cid, [m.span() for w in words for m in re.finditer(re.escape(w), text)]))
            if len(hits) == limit:
                break
    return hits


class Fts5:
    name = "fts5"

    def __init__(self, work: Path, procs: int):
        self.file = work / "fts5.sqlite"

    def build(self, docs):
        from desktop_app.core.segment import segmenter

        seg = segmenter()
        self.db = sqlite3.connect(self.file)
        self.db.execute("CREATE VIRTUAL TABLE clauses USING fts5(doc UNINDEXED, id UNINDEXED, heading, body)")
        self.db.executemany("INSERT INTO clauses VALUES (?, ?, ?, ?)",
                            ((d, c, " ".join(seg.cut_for_search(h)), " ".join(seg.cut_for_search(b)))
                             for d, c, h, b in clause_rows(docs)))
        self.db.commit()

    def size(self) -> int:
        return self.file.stat().st_size

    def query(self, q: str) -> int:
        return len(fts5_query(self.db, q))

    def close(self):
        self.db.close()

    def cold_script(self) -> str:
        return f"""
import sqlite3, time
t0 = time.perf_counter()
sys.path.insert(0, {str(ROOT / "bench")!r})
from search_bench import fts5_query
db = sqlite3.connect({str(self.file)!r})
rows = fts5_query(db, {QUERIES[0]!r})
print(json.dumps({{"startup": 0.0, "open_and_first_result": time.perf_counter() - t0}}))
"""


def fts5_query(db, q: str, limit: int = 10):
    from desktop_app.core.segment import segmenter

    words = [w for part in q.split() for w in segmenter().cut(part) if w.strip()]
    match = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
    return db.execute("SELECT doc, id, highlight(clauses, 3, '【', '】') FROM clauses WHERE clauses MATCH ? "
                      "ORDER BY bm25(clauses, 0, 0, 2.5, 1.0) LIMIT ?", (match, limit)).fetchall()


SYSTEM_CLASSES = {"ours": Ours, "naive": Naive, "scan": Scan, "fts5": Fts5}


# ---- measuring --------------------------------------------------------------------------------

def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def latencies(system, rounds: int = 3) -> list[float]:
    for q in QUERIES:  # warm up: caches, lazily loaded dictionaries
        system.query(q)
    times = []
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            system.query(q)
            times.append((time.perf_counter() - t) * 1000)
    return times


# The child's own peak RSS (VmHWM): ru_maxrss of a child also counts the parent's pages before exec.
PEAK = """
try:
    with open("/proc/self/status") as f:
        print(json.dumps(int(next(l for l in f if l.startswith("VmHWM:")).split()[1]) / 1024))
except OSError:
    print("null")
"""


COLD_RUNS = 3


def cold_start(system, data_dir: Path) -> dict:
    """A fresh process to its first result: median of COLD_RUNS runs after an untimed one.

    Python's bytecode is cached in the work folder, as an installed program has it (pip and PyInstaller
    compile every module); the untimed run writes it.
    """
    script = f"import json, sys\nsys.path.insert(0, {str(ROOT)!r})\n" + system.cold_script() + PEAK
    env = {**os.environ, "POLICYDESK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT),
           "PYTHONPYCACHEPREFIX": str(data_dir.parent / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = [_one_cold_run(system, script, env) for _ in range(COLD_RUNS + 1)][1:]
    runs.sort(key=lambda r: r["wall_s"])
    return {**runs[len(runs) // 2], "rss_mib": max(r["rss_mib"] for r in runs),
            "wall_all_s": [r["wall_s"] for r in runs]}


def _one_cold_run(system, script: str, env: dict) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if status != 0:
        raise RuntimeError(f"{system.name} cold start failed: {err.decode()[-2000:]}")
    lines = out.decode().strip().splitlines()
    inner = json.loads(lines[-2])
    peak = json.loads(lines[-1]) or usage.ru_maxrss / 1024
    return {"wall_s": wall, "rss_mib": peak, **inner}


def run_size(label: str, systems: list[str], procs: int, work: Path) -> dict:
    t = time.perf_counter()
    docs = generate(SIZES[label])
    print(f"\n== {label}: {sum(len(d.clauses) for d in docs)} clauses in {len(docs)} documents "
          f"(generated in {time.perf_counter() - t:.1f} s)", flush=True)
    results = {}
    for name in systems:
        system = SYSTEM_CLASSES[name](work, procs)
        t = time.perf_counter()
        build = system.build(docs)
        build = time.perf_counter() - t if build is None else build
        times = latencies(system)
        system.close()
        r = results[name] = {"build_s": build, "size_mib": system.size() / 2**20,
                             "query_median_ms": statistics.median(times),
                             "query_p95_ms": statistics.quantiles(times, n=20)[-1]}
        print(f"  {name:6} build {build:8.2f} s  size {r['size_mib']:8.1f} MiB  query median "
              f"{r['query_median_ms']:7.2f} ms  p95 {r['query_p95_ms']:7.2f} ms", flush=True)
        cold = r["cold"] = cold_start(system, work / "userdata")
        print(f"  {name:6} fresh process to first result {cold['wall_s']:5.2f} s, median of "
              f"{' '.join(f'{w:.2f}' for w in cold['wall_all_s'])} (imports/loading "
              f"{cold['startup']:.2f} s, open + first result {cold['open_and_first_result']:.2f} s), "
              f"peak {cold['rss_mib']:.0f} MiB", flush=True)
    if "ours" in results and "naive" in results:
        o, n = results["ours"], results["naive"]
        print(f"  ours vs naive: build {n['build_s'] / o['build_s']:.1f}× faster, size "
              f"{o['size_mib'] / n['size_mib']:.2f}×, p95 {n['query_p95_ms'] / o['query_p95_ms']:.1f}× faster, "
              f"cold {n['cold']['wall_s'] / o['cold']['wall_s']:.1f}× faster", flush=True)
    return results


def import_run(n_clauses: int, work: Path, runs: int = 3) -> list[tuple[float, float]]:
    """(Seconds, CPU seconds) to bring the index up to date after importing one plan of *n_clauses* clauses, as
    ``policydesk import --yes`` does (the plan's file written just now, then ``update_search_index`` with
    the saved document), in a data directory whose index already holds the shipped documents; *runs*
    times, each afresh.  Checks that the next open finds the index in step with the files."""
    from desktop_app.importing.plan import update_search_index
    from desktop_app.search import SearchIndex, indexer

    plan = plans(1, n_clauses)[0]
    times = []
    for n in range(runs):
        data = work / f"import{n}"
        os.environ["POLICYDESK_DATA_DIR"] = str(data)
        SearchIndex.open(Corpus.load_default()).close()
        save_documents([plan], data, age_s=0)
        t, cpu = time.perf_counter(), time.process_time()
        update_search_index(saved=plan)
        times.append((time.perf_counter() - t, time.process_time() - cpu))
        corpus = Corpus.load_default()
        manifest = indexer.read_manifest(indexer.index_dir(Workspace.from_environment().index_parent))
        assert manifest["docs"] == indexer.corpus_state(corpus.documents)[0], "the next open would re-index"
        with SearchIndex.open(corpus) as index:
            assert index.search("异地就医", doc=plan.id), "the imported plan is not searchable"
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1k,10k,100k", help="comma-separated: 1k, 10k, 100k")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated: " + ", ".join(SYSTEMS))
    parser.add_argument("--procs", type=int, default=1, help="writer processes for this project's index build")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--import-clauses", type=int, metavar="N",
                        help="instead: index one imported plan of N clauses as `import --yes` does (3 runs)")
    args = parser.parse_args(argv)
    work_root = Path(tempfile.mkdtemp(prefix="search-bench-"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, work dir {work_root}")
    figures = {}
    try:
        if args.import_clauses:
            times = import_run(args.import_clauses, work_root)
            wall, cpu = ([t[i] for t in times] for i in (0, 1))
            print(f"index an imported plan of {args.import_clauses} clauses: median {statistics.median(wall):.2f} s "
                  f"of {' '.join(f'{t:.2f}' for t in wall)}, CPU {' '.join(f'{t:.2f}' for t in cpu)} s (load average "
                  f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")
            return 0
        for label in args.sizes.split(","):
            work = work_root / label
            work.mkdir()
            figures[label] = run_size(label, args.systems.split(","), args.procs, work)
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work_root, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
