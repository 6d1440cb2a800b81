"""What every subcommand shares: the workspace, loading the corpus (reporting left-out files) and printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from ..workspace import Workspace

if TYPE_CHECKING:  # the corpus module (and the document model) only for the commands that load it
    from ..core.corpus import Corpus


def workspace_of(args: argparse.Namespace) -> Workspace:
    """The workspace the entry point built (``cli.main`` sets ``args.workspace``)."""
    workspace = getattr(args, "workspace", None)
    return workspace if workspace is not None else Workspace.from_environment()


def load_corpus(args: argparse.Namespace | None = None) -> Corpus:
    """The shipped corpus plus the user's imported documents.

    Each user file that could not be read (and was set aside) is named on stderr, one line each;
    the command goes on with the rest.
    """
    from ..core.corpus import Corpus

    workspace = workspace_of(args) if args is not None else Workspace.from_environment()
    corpus = Corpus.load_workspace(workspace)
    report_problems(corpus)
    return corpus


def draft_of(args: argparse.Namespace):
    """The draft file given with ``--draft`` (a ``drafting.Draft``), or None."""
    if not getattr(args, "draft", None):
        return None
    from ..drafting import load_draft  # the drafting package only for the commands given a draft

    return load_draft(args.draft)


def report_problems(corpus: Corpus) -> None:
    for problem in corpus.problems:
        print(f"policydesk: 注意：{problem}", file=sys.stderr)


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
