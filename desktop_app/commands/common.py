"""What every subcommand shares: loading the corpus and printing JSON."""

from __future__ import annotations

import argparse
import json

from ..core.corpus import Corpus


def load_corpus() -> Corpus:
    """The shipped corpus plus the user's imported documents (``POLICYDESK_DATA_DIR`` honoured)."""
    return Corpus.load_default()


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
