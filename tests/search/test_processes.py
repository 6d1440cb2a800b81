"""Real processes: one killed mid-write, two writing at once.  Nothing may be corrupted or lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.search import SearchIndex, indexer

from .docs import city_document

ROOT = Path(__file__).resolve().parents[2]
LN, CE = "liaoning", "central"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")

PRELUDE = """
import os, sys, time
from desktop_app.core.corpus import Corpus
from desktop_app.search import SearchIndex, indexer
from tests.search.docs import city_document
corpus = Corpus.load()
"""


def start(script: str, data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "POLICYDESK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", PRELUDE + textwrap.dedent(script)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(proc: subprocess.Popen, line: str) -> None:
    got = proc.stdout.readline().strip()
    if got != line:
        proc.kill()
        pytest.fail(f"child said {got!r}; stderr: {proc.stderr.read()}")


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()


def test_a_process_killed_while_holding_the_lock_and_writing_leaves_no_stale_lock(corpus, data_dir):
    SearchIndex.open(corpus).close()
    child = start("""
        from dataclasses import asdict
        from desktop_app.search.schema import unit_records
        from whoosh import index as wi
        with indexer.write_lock(indexer.Path(os.environ["POLICYDESK_DATA_DIR"])):
            ix = wi.open_dir(os.path.join(os.environ["POLICYDESK_DATA_DIR"], "index"))
            writer = ix.writer()
            for rec in unit_records(city_document(corpus)):
                writer.add_document(**rec.fields())
            writer.delete_by_term("doc", "liaoning")
            print("writing", flush=True)
            time.sleep(120)
    """, data_dir)
    wait_for(child, "writing")
    kill(child)
    assert (data_dir / "index.lock").exists()  # the lock file stays; the OS lock died with the process
    with SearchIndex.open(corpus) as index:
        assert {(h.doc, h.num) for h in index.search("档案")} == {(LN, "（十一）"), (CE, "（六）")}
        assert index.search("鞍山") == []  # the killed write never happened
        index.update_document(city_document(corpus))  # and writing works again
        assert {h.doc for h in index.search("鞍山")} == {"anshan"}


def test_a_process_killed_after_commit_before_the_manifest_is_repaired(corpus, data_dir):
    SearchIndex.open(corpus).close()
    child = start("""
        def die(*args, **kwargs):
            print("committed", flush=True)
            time.sleep(120)
        indexer._write_manifest = die
        SearchIndex.open(corpus).update_document(city_document(corpus))
    """, data_dir)
    wait_for(child, "committed")
    kill(child)
    with SearchIndex.open(corpus) as index:  # the shipped corpus: the half-recorded city doc must go
        assert index.search("鞍山") == []
        assert index.doc_count() == 48
        assert {(h.doc, h.num) for h in index.search("档案")} == {(LN, "（十一）"), (CE, "（六）")}


def test_a_process_killed_during_a_rebuild_leaves_an_index_that_is_rebuilt(corpus, data_dir):
    child = start("""
        def die(*args, **kwargs):
            print("built", flush=True)
            time.sleep(120)
        indexer._write_manifest = die
        SearchIndex.open(corpus)
    """, data_dir)
    wait_for(child, "built")
    kill(child)
    assert not (data_dir / "index" / "manifest.json").exists()
    with SearchIndex.open(corpus) as index:
        assert index.doc_count() == 48
        assert [h.num for h in index.search("三支一扶")] == ["（十）"]


# Both processes know the same corpus (as two PolicyDesk windows on one user's data do); each then
# rewrites its own document several times while the other builds, searches and writes.
WRITER = """
import json
city, doc_id, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = [*corpus.documents, city_document(corpus, "anshan", "鞍山"), city_document(corpus, "dalian", "大连")]
index = SearchIndex.open_documents(docs)
for n in range(rounds):
    index.update_document(city_document(corpus, doc_id, city if n == rounds - 1 else "抚顺"))
    assert index.search("档案"), "search failed while another process wrote"
print(json.dumps(sorted({h.doc for h in index.search(city)})), flush=True)
index.close()
"""


def test_two_processes_building_and_writing_at_once_corrupt_nothing(corpus, data_dir):
    env = {**os.environ, "POLICYDESK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", PRELUDE + WRITER]
    procs = [subprocess.Popen([*cmd, city, doc_id, "6"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for city, doc_id in (("鞍山", "anshan"), ("大连", "dalian"))]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    assert [json.loads(out) for out, _err in outputs] == [["anshan"], ["dalian"]]
    docs = [*corpus.documents, city_document(corpus, "anshan", "鞍山"), city_document(corpus, "dalian", "大连")]
    manifest = indexer.read_manifest(data_dir / "index")
    assert set(manifest["docs"]) == {LN, CE, "anshan", "dalian"}
    states, _records = indexer.corpus_state(docs)
    assert manifest["docs"] == states  # both processes' last writes are recorded
    with SearchIndex.open_documents(docs) as index:
        assert index.doc_count() == 48 + 2 * 24
        assert {h.doc for h in index.search("鞍山")} == {"anshan"}
        assert {h.doc for h in index.search("大连")} == {"dalian"}
        assert index.search("抚顺") == []
        assert {h.doc for h in index.search("档案", limit=50)} == {LN, CE, "anshan", "dalian"}
