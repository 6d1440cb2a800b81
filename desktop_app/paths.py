"""Where PolicyDesk finds the files it ships and keeps the files it writes.

Shipped files (``policy_texts/``, ``resources/``) are read-only: they are found
beside the package in a source checkout and under ``sys._MEIPASS`` inside a
PyInstaller bundle.  Everything writable (index, notes, drafts, imported
documents, jieba's cache) lives in the user data directory, which the
``POLICYDESK_DATA_DIR`` environment variable overrides.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "PolicyDesk"
DATA_DIR_ENV = "POLICYDESK_DATA_DIR"


def install_root() -> Path:
    """The folder that holds ``policy_texts/`` and ``resources/``.

    A PyInstaller bundle unpacks them under ``sys._MEIPASS``; a source checkout
    (or an editable install) has them beside the package; a wheel installs them
    as data files under ``<prefix>/share/policydesk``.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "policy_texts").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "policydesk"


def policy_texts_dir() -> Path:
    return install_root() / "policy_texts"


def resources_dir() -> Path:
    return install_root() / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    """The platform's user data directory for PolicyDesk (ignores ``POLICYDESK_DATA_DIR``)."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "policydesk"


def data_dir(create: bool = True) -> Path:
    """The user data directory (``POLICYDESK_DATA_DIR`` wins).

    Deprecated: entry points build one :class:`desktop_app.workspace.Workspace` and pass it down.
    """
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override).expanduser() if override else default_data_dir()
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def user_documents_dir(create: bool = True) -> Path:
    path = data_dir(create) / "documents"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path
