"""The checks ``policydesk selftest`` runs: each does for real what a drafter relies on.

Every check takes the shared :class:`Context` (temporary data and export folders,
what earlier checks produced) and returns a one-line Chinese description of what
it saw, or raises :class:`SelfTestFailure` saying what is wrong.  No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..core.corpus import Corpus
from ..core.model import Completeness
from ..workspace import Workspace


@dataclass
class Context:
    """What the checks share: the temporary folders and what earlier checks produced."""

    workspace: Workspace
    out_dir: Path
    corpus: Corpus | None = None
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.workspace.data_dir

    def need_corpus(self) -> Corpus:
        if self.corpus is None:
            raise SelfTestFailure("语料未能加载，无法进行本项")
        return self.corpus

    def close(self) -> None:
        """Close what the checks left open (open index files keep a folder from being deleted on Windows)."""
        for value in self.extras.values():
            closer = getattr(value, "close", None)
            if callable(closer):
                closer()


class SelfTestFailure(Exception):
    """A check found something wrong; the message says what, in Chinese."""


@dataclass(frozen=True)
class Check:
    title: str
    run: Callable[[Context], str]


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


SHIPPED_FILES = (("policy_texts", "central.xml"), ("policy_texts", "liaoning.xml"),
                 ("policy_texts", "crosslinks.tsv"), ("resources", "dict", "policy_terms.txt"))


def check_shipped_files(ctx: Context) -> str:
    root = paths.install_root()
    missing = ["/".join(p) for p in SHIPPED_FILES if not root.joinpath(*p).is_file()]
    _expect(not missing, f"安装目录 {root} 中缺少：{'、'.join(missing)}")
    return f"随附语料和词典位于 {root}"


def check_corpus(ctx: Context) -> str:
    corpus = Corpus.load_workspace(ctx.workspace)
    _expect(not corpus.problems, f"语料中有无法读取的文件：{'；'.join(map(str, corpus.problems))}")
    ids = [d.id for d in corpus.documents]
    _expect("central" in ids and "liaoning" in ids, f"语料中缺少中央意见或省实施措施，只有：{'、'.join(ids) or '无'}")
    ctx.corpus = corpus
    clauses = sum(len(d.clauses) for d in corpus.documents)
    _expect(bool(corpus.links), "交叉链接为空")
    _expect(bool(corpus.cities), "城市列表为空")
    return (f"{len(ids)} 份文件（{'、'.join(ids)}），共 {clauses} 条，{len(corpus.links)} 条交叉链接，"
            f"{len(corpus.cities)} 个城市")


def check_lookup(ctx: Context) -> str:
    corpus = ctx.need_corpus()
    forms = ("（五）", "(五)", "5")
    found = {corpus.resolve("liaoning", f).id for f in forms}
    _expect(len(found) == 1, f"省实施措施第（五）条的不同写法指向了不同条款：{sorted(found)}")
    clause = corpus.unit("liaoning", found.pop())
    _expect(bool(clause.heading) and len(clause.full_text()) > 20, "省实施措施第（五）条没有正文")
    central = corpus.resolve("central", "（五）")
    _expect(central.completeness is not Completeness.FULL,
            "中央意见第（五）条标为全文，但语料只有摘要：完整性标记有误")
    carried = corpus.carries_out("liaoning", clause.id)
    _expect(bool(carried), f"省实施措施{clause.num}没有落实中央条款的链接")
    return (f"省{clause.num}{clause.heading}（{len(clause.full_text())} 字）落实 "
            f"中央{'、'.join(r.unit.num for r in carried)}；中央（五）标为“{central.completeness.label}”")


def check_coverage(ctx: Context) -> str:
    rows = ctx.need_corpus().coverage()
    gaps = [r.target.label for r in rows if r.is_gap]
    _expect(len(rows) > len(gaps), "中央意见没有任何一条被落实：交叉链接未加载")
    return f"中央意见 {len(rows)} 项，尚无落实 {len(gaps)} 项：{'、'.join(gaps) or '无'}"


def check_segmentation(ctx: Context) -> str:
    from ..core import segment

    text = "促进劳动力和人才社会性流动"
    words = segment.cut(text)
    _expect("社会性流动" in words, f"政策词典未生效：“社会性流动”被切分为 {'/'.join(words)}")
    # jieba itself (with its dict.txt) is always needed, even where a faster engine does most of the work.
    cache = ctx.data_dir / "cache"
    tok = segment.tokenizer()
    jieba_words = list(tok.cut(text))
    _expect("社会性流动" in jieba_words, f"jieba 未加载政策词典：{'/'.join(jieba_words)}")
    if tok.tmp_dir == str(cache):  # loaded by this run (in a test process it may have been loaded before)
        _expect(any(cache.glob("*")), f"jieba 缓存未写入数据目录 {cache}")
    name = segment.segmenter().name
    return f"{'/'.join(words)}（{name}）；jieba 词典和缓存正常"


def check_index(ctx: Context) -> str:
    from ..search import SearchIndex

    corpus = ctx.need_corpus()
    index = SearchIndex.open(corpus, ctx.data_dir)
    ctx.extras["index"] = index
    folder = ctx.data_dir / "index"
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    _expect(bool(files), f"索引目录 {folder} 中没有文件")
    size = sum(p.stat().st_size for p in files)
    return f"索引建于数据目录下 index/：{len(files)} 个文件，{size / 1024:.0f} KB"


SEARCHES = (  # query, options, (doc, clause) that must be among the hits
    ("户籍", {}, ("liaoning", "part_2__para_5")),
    ("户籍", {}, ("central", "part_3__para_4")),
    ("社会性流动", {"doc": "central"}, None),
    ("户籍制度", {"headings_only": True}, ("liaoning", "part_2__para_5")),
    ("社保", {}, ("liaoning", "part_2__para_8")),  # the search dictionary: 社保 → 社会保险
    ("戶籍", {}, ("liaoning", "part_2__para_5")),  # traditional characters (OpenCC)
)


def check_search(ctx: Context) -> str:
    index = _index(ctx)
    for query, options, expected in SEARCHES:
        hits = index.search(query, **options)
        _expect(bool(hits), f"检索“{query}”没有结果")
        if expected:
            _expect(any((h.doc, h.id) == expected for h in hits),
                    f"检索“{query}”的结果中没有 {expected[0]}:{expected[1]}")
        if "doc" in options:
            _expect(all(h.doc == options["doc"] for h in hits), f"限定文件检索“{query}”返回了其他文件的条款")
    first = index.search("户籍")[0]
    marked = first.fragments[0].marked() if first.fragments else ""
    _expect("【户籍】" in marked, f"检索结果没有高亮命中词：{marked or '无摘录'}")
    for odd in ("（（【", "AND OR NOT", "*", " "):
        index.search(odd)  # must not raise on odd input
    return f"{len(SEARCHES)} 次检索命中预期条款；首条 {first.doc}:{first.num}{first.heading}：{marked[:30]}…"


def check_vector_ranking(ctx: Context) -> str:
    from ..search import vector

    index = _index(ctx)
    query = "就业 创业 服务"
    loaded = vector.numpy_if_loaded()
    python = [(h.doc, h.id, h.score) for h in index.search(query)] if loaded is None else None
    _expect(vector.load(), "numpy 无法导入：大型资料库的检索将较慢")
    saved = vector.VECTOR_FROM
    vector.VECTOR_FROM = 0  # the few clauses here: every list takes the numpy path
    try:
        vectorised = [(h.doc, h.id, h.score) for h in index.search(query)]
    finally:
        vector.VECTOR_FROM = saved
    _expect(bool(vectorised), f"numpy 排序检索“{query}”没有结果")
    _expect(python is None or python == vectorised, f"numpy 排序与逐条排序结果不同：“{query}”")
    return f"numpy {vector.numpy_if_loaded().__version__} 排序与逐条排序一致（“{query}”{len(vectorised)} 条）"


def check_reopen(ctx: Context) -> str:
    from ..search import SearchIndex

    before = [(h.doc, h.id) for h in _index(ctx).search("社会性流动")]
    ctx.extras.pop("index").close()
    index = SearchIndex.open(ctx.need_corpus(), ctx.data_dir)
    ctx.extras["index"] = index
    after = [(h.doc, h.id) for h in index.search("社会性流动")]
    _expect(before == after and bool(after), "重新打开索引后检索结果不同")
    return f"打开已有索引，检索“社会性流动”结果与之前一致（{len(after)} 条）"


def _index(ctx: Context):
    index = ctx.extras.get("index")
    if index is None:
        raise SelfTestFailure("索引未能建立，无法进行本项")
    return index


SELFTEST_CITY = "沈阳市"


def check_draft_export(ctx: Context) -> str:
    from docx import Document as read_docx
    from docx.oxml.ns import qn

    from ..drafting import build_draft
    from ..export import export_draft

    corpus = ctx.need_corpus()
    draft = build_draft(corpus, SELFTEST_CITY)
    ctx.extras["draft"] = draft
    path = export_draft(draft, corpus, ctx.out_dir / "方案.docx")
    docx = read_docx(str(path))
    text = "".join("".join(p.text for p in docx.paragraphs).split())  # the title may be broken over lines
    _expect("".join(draft.title.split()) in text, f"导出的方案中没有标题“{draft.title}”")
    clauses = [nc for np in draft.numbered() for nc in np.clauses]
    missing = [nc.num for nc in clauses if nc.lead not in text]
    _expect(bool(clauses) and not missing, f"导出的方案中缺少条款：{'、'.join(missing[:5]) or '草稿没有条款'}")
    comments = list(docx.comments) if hasattr(docx, "comments") else []
    _expect(len(comments) >= len(clauses),
            f"导出的方案只有 {len(comments)} 条批注，少于 {len(clauses)} 条条款（每条应注明依据）")
    fonts = {el.get(qn("w:eastAsia")) for el in docx.styles.element.iter(qn("w:rFonts"))}
    _expect("仿宋_GB2312" in fonts, f"导出的方案样式中没有仿宋_GB2312：{sorted(f for f in fonts if f)}")
    return (f"{draft.city}，{path.name}：{len(clauses)} 条全部在文中，{len(comments)} 条批注，正文字体仿宋_GB2312"
            f"（{path.stat().st_size // 1024} KB）")


def check_table_export(ctx: Context) -> str:
    from docx import Document as read_docx

    from ..export import export_table

    draft = ctx.extras.get("draft")
    if draft is None:
        raise SelfTestFailure("草稿未能生成，无法进行本项")
    path = export_table(draft, ctx.need_corpus(), ctx.out_dir / "对照表.docx")
    docx = read_docx(str(path))
    _expect(bool(docx.tables), "导出的对照表中没有表格")
    table = docx.tables[0]
    header = [c.text.strip() for c in table.rows[0].cells]
    _expect("中央意见" in header and "省实施措施" in header, f"对照表表头不对：{header}")
    body = "\n".join(c.text for row in table.rows for c in row.cells)
    _expect("改革户籍制度牵引区域合理流动" in body, "对照表中没有省实施措施第（五）条")
    _expect("【仅收录" in body, "对照表没有标出中央意见中只收录了标题或部分原文的条款")
    return f"{path.name}：{len(table.rows)} 行 × {len(table.columns)} 栏，表头 {' | '.join(header)}"


def check_import(ctx: Context) -> str:
    """Import the exported plan (.docx) as a city document into the temporary data dir, then find it."""
    from ..core.model import DocumentKind
    from ..importing import commit_import, prepare_import
    from ..search import SearchIndex

    source = ctx.out_dir / "方案.docx"
    _expect(source.is_file(), "没有可导入的方案文件（导出方案草稿未通过）")
    plan = prepare_import(ctx.need_corpus(), source, kind=DocumentKind.CITY)
    doc = plan.document
    expected = len(ctx.extras["draft"].clauses) if "draft" in ctx.extras else 1
    _expect(len(doc.clauses) >= expected, f"导入的方案只识别出 {len(doc.clauses)} 条，应有 {expected} 条")
    links = plan.default_links()
    _expect(bool(links), "导入的方案没有得到任何与省实施措施的链接建议")
    saved = commit_import(plan, workspace=ctx.workspace, update_index=False)
    _expect(saved.is_relative_to(ctx.data_dir), f"导入的文件保存到了数据目录以外：{saved}")
    corpus = Corpus.load_workspace(ctx.workspace)
    _expect(doc.id in {d.id for d in corpus.documents}, f"重新加载语料后没有导入的文件 {doc.id}")
    old = ctx.extras.pop("index", None)
    if old is not None:
        old.close()
    index = SearchIndex.open(corpus, ctx.data_dir)
    ctx.extras["index"] = index
    hits = index.search("户籍", doc=doc.id)
    _expect(bool(hits), f"检索不到导入的文件 {doc.id} 中的“户籍”")
    return (f"{source.name} → {doc.id}：{len(doc.clauses)} 条，{len(links)} 条链接，"
            f"可检索（{hits[0].num}{hits[0].heading}）")


CHECKS: tuple[Check, ...] = (
    Check("随附文件", check_shipped_files),
    Check("加载语料", check_corpus),
    Check("条款查找与交叉链接", check_lookup),
    Check("落实情况", check_coverage),
    Check("中文分词", check_segmentation),
    Check("建立检索索引", check_index),
    Check("全文检索", check_search),
    Check("大型资料库排序", check_vector_ranking),
    Check("重新打开索引", check_reopen),
    Check("导出方案草稿", check_draft_export),
    Check("导出对照表", check_table_export),
    Check("导入 Word 文件", check_import),
)
