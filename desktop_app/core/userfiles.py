"""Reading the user's own documents and links so that one bad file never blocks the rest.

The shipped corpus is read strictly (a broken install must say so).  The user's files are not: a
document or link file that is truncated, garbage, too big or clashing is left out, and a
:class:`LoadProblem` says which file and why.  Whoever owns the workspace then sets the file aside
(:meth:`desktop_app.workspace.Workspace.set_aside`) so the next start does not trip over it again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import CorpusError
from .model import Document, Link
from .tables import load_links


@dataclass(frozen=True)
class LoadProblem:
    """A user file left out of the knowledge base, and why.

    Attributes:
        unreadable: the file itself cannot be read (it is set aside); False for a readable file
            whose entries were partly skipped (links to a document that is gone).
        moved_to: where the file was set aside, once it was.
        duplicate: a readable document whose id another file of the folder already has.
    """

    path: str
    problem: str
    unreadable: bool = True
    moved_to: str = ""
    duplicate: bool = False

    def __str__(self) -> str:
        moved = f"；已移到 {self.moved_to}（恢复方法见 docs/recovery.md）" if self.moved_to else ""
        return f"{self.path}: {self.problem}{moved}"

    def moved(self, target: Path) -> LoadProblem:
        return replace(self, moved_to=str(target))


def read_user_documents(files: Iterable[Path], problems: list[LoadProblem]) -> list[Document]:
    """The readable documents among *files*; each unreadable or duplicate one adds a problem."""
    from .xmlio import read_document  # lxml only when a document is read (a search answers from the index)

    docs: dict[str, Document] = {}
    for path in files:
        try:
            doc = read_document(path)
        except CorpusError as exc:
            if not path.exists():
                continue  # removed by another program since the folder was listed: nothing is wrong
            problems.append(LoadProblem(str(path), f"无法读取，已略过：{exc.problem}"))
            continue
        if doc.id in docs:
            problems.append(LoadProblem(str(path), f"文档编号 {doc.id} 与同一目录中的另一文件重复，已略过",
                                        duplicate=True))
            continue
        docs[doc.id] = doc
    return list(docs.values())


def read_user_links(path: Path, problems: list[LoadProblem]) -> list[Link]:
    """The user's accepted links, or none (and a problem) when the file cannot be read."""
    if not path.exists():
        return []
    try:
        return load_links(path)
    except CorpusError as exc:
        problems.append(LoadProblem(str(path), f"链接文件无法读取，其中的链接暂不显示：{exc.problem}"))
        return []


def keep_resolvable(links: list[Link], units: set[tuple[str, str]], source: Path,
                    problems: list[LoadProblem]) -> list[Link]:
    """The links both of whose ends exist; the rest are skipped with one problem (the file stays as it is)."""
    kept = [lk for lk in links if (lk.source_doc, lk.source_id) in units and (lk.target_doc, lk.target_id) in units]
    dropped = [lk for lk in links if lk not in kept]
    if dropped:
        sample = "、".join(f"{lk.source_doc}:{lk.source_id}→{lk.target_doc}:{lk.target_id}" for lk in dropped[:3])
        more = " 等" if len(dropped) > 3 else ""
        gone = "、".join(sorted({d for lk in dropped for d in (lk.source_doc, lk.target_doc)} - {u[0] for u in units}))
        hint = f"（文档 {gone} 不在知识库中：放回后链接自动恢复，不再需要时用 policydesk remove 删除）" if gone else ""
        problem = f"{len(dropped)} 条链接指向不存在的文档或条款，暂不显示：{sample}{more}{hint}"
        problems.append(LoadProblem(str(source), problem, unreadable=False))
    return kept


def still_unreadable(problem: LoadProblem) -> bool:
    """Whether the file of *problem* is still there and still cannot be used (checked again under the lock:
    another program may have replaced it meanwhile)."""
    path = Path(problem.path)
    if not problem.unreadable or not path.is_file():
        return False
    if problem.duplicate:
        return True
    probe: list[LoadProblem] = []
    if path.suffix == ".xml":
        read_user_documents([path], probe)
    else:
        read_user_links(path, probe)
    return bool(probe)
