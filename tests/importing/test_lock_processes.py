"""Two imports started at once, in two real processes, both keep their document and their links."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from desktop_app.core.corpus import Corpus
from tests.linking.test_suggest import MOCK_CITY_PLAN

# Each process reads the stored links, then waits (up to 2 s) for the other to have read them too before it
# writes: without one lock around read-modify-write, both write what they read and one set of links is lost.
RUNNER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from desktop_app.importing import store
    from desktop_app.cli import main

    barrier = Path(sys.argv[1])
    original = store.UserStore.links

    def links_then_wait(self):
        found = original(self)
        (barrier / str(os.getpid())).touch()
        deadline = time.monotonic() + 2.0
        while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        return found

    store.UserStore.links = links_then_wait
    sys.exit(main(sys.argv[2:]))
""")


def test_two_imports_at_once_both_keep_their_links(files, data_dir, tmp_path):
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    texts = {"citya": MOCK_CITY_PLAN, "cityb": MOCK_CITY_PLAN.replace("某市", "另一市")}
    procs = []
    for doc_id, text in texts.items():
        path = files / f"{doc_id}.txt"
        path.write_text(text, encoding="utf-8")
        argv = [sys.executable, str(runner), str(barrier), "import", str(path), "--as", "city", "--id", doc_id,
                "--yes", "--allow-duplicate"]
        procs.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      encoding="utf-8"))
    for proc in procs:
        with proc:
            out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "已保存" in out
    corpus = Corpus.load_default()
    assert not corpus.problems
    for doc_id in texts:
        assert corpus.carries_out(doc_id, "part_1__para_1"), f"{doc_id} lost its links"
