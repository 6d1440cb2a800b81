"""The document files' stamps and their digest: what lets a search trust its index without reading a document."""

from __future__ import annotations

import os
import time

from desktop_app.core.stamps import source_digest, source_stamps, stamps_digest

HOUR_AGO = time.time() - 3600


def _write(folder, name, text, when=HOUR_AGO):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, (when, when))
    return path


def test_the_digest_taken_from_the_files_is_that_of_their_stamps(tmp_path):
    for name in ("b.xml", "a.xml", ".hidden.xml", "notes.txt"):
        _write(tmp_path, name, name)
    stamps = source_stamps(user_dir=tmp_path)
    user = [s[0] for s in stamps if s[0].startswith(str(tmp_path.resolve()))]
    assert [os.path.basename(p) for p in user] == [".hidden.xml", "a.xml", "b.xml"]
    assert source_digest(user_dir=tmp_path) == stamps_digest(stamps)


def test_a_file_changed_in_place_changes_the_digest(tmp_path):
    path = _write(tmp_path, "a.xml", "one")
    before = source_digest(user_dir=tmp_path)
    _write(tmp_path, "a.xml", "two", when=HOUR_AGO)  # same size, same time: only the content differs
    assert source_digest(user_dir=tmp_path) == before  # as git: a stamp, not the content
    _write(tmp_path, "a.xml", "two", when=HOUR_AGO + 1)
    assert source_digest(user_dir=tmp_path) != before
    path.write_text("three!", encoding="utf-8")  # just now: too recent for its stamp to be trusted
    assert source_digest(user_dir=tmp_path) is None and source_stamps(user_dir=tmp_path) is None
