"""``coverage --by-city``: central clauses × (province, each city's plans and the draft), as text, JSON or Word."""

from __future__ import annotations

import argparse

from ..core.coverage_matrix import CoverageMatrix, build_matrix, cell_lines, matrix_dict
from ..core.model import Completeness
from .common import draft_of, load_corpus, print_json


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--by-city", action="store_true", help="按省、各市（已导入的实施方案和草稿）分列的落实矩阵")
    p.add_argument("--city", help="只看一个城市，如 鞍山市（含 --by-city）")
    p.add_argument("--draft", metavar="DRAFT.json", help="把草稿作为其城市的一列（含 --by-city）")
    p.add_argument("-o", "--output", metavar="COVERAGE.docx", help="导出落实矩阵为 Word 表格（含 --by-city）")
    p.add_argument("--force", action="store_true", help="表格文件已存在时覆盖")


def wanted(args: argparse.Namespace) -> bool:
    return bool(args.by_city or args.city or args.draft or args.output)


def cmd_coverage_by_city(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    draft = draft_of(args)
    matrix = build_matrix(corpus, draft, args.city or "", args.doc)
    if args.output:
        from ..export.coverage_table import export_coverage

        # a refusal or a disk problem: one line and exit 1 (cli.run_command)
        export_coverage(matrix, args.output, overwrite=args.force)
    if args.json:
        print_json(matrix_dict(matrix))
        return 0
    print(format_matrix(matrix))
    if args.output:
        print(f"已导出落实矩阵：{args.output}")
    return 0


def format_matrix(matrix: CoverageMatrix) -> str:
    lines = ["列：" + "；".join(f"{c.label}《{c.title}》" if c.title else c.label for c in matrix.columns)]
    for row in matrix.rows:
        mark = row.target.unit.completeness
        lines.append(row.target.label + (f"〔{mark.label}〕" if mark is not Completeness.FULL else ""))
        for column, cell in zip(matrix.columns, row.cells, strict=True):
            lines.append(f"    {column.label}：" + "；".join(cell_lines(cell)))
    for n, column in enumerate(matrix.columns):
        gaps = matrix.gaps(n)
        lines.append(f"{column.label}：落实 {len(matrix.rows) - len(gaps)} 项，缺口 {len(gaps)} 项"
                     + ("：" + "、".join(r.target.unit.num if r.target.is_clause else r.target.label
                                              for r in gaps) if gaps else ""))
    return "\n".join(lines)
