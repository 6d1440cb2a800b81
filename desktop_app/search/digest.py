"""SHA-1 and SHA-256 from CPython's own modules, without OpenSSL.

``hashlib`` loads OpenSSL's ``libcrypto`` at import (3.4 MiB resident in every ``policydesk search``, a
fifth of what the search adds to a bare Python process).  The digests here only tell whether the index
matches its documents (no security), and CPython's built-in implementations give the same digests; a
Python built without them falls back to ``hashlib``.
"""

from __future__ import annotations

try:
    from _sha1 import sha1
except ImportError:  # pragma: no cover - CPython always has it unless configured out
    from hashlib import sha1
try:
    from _sha256 import sha256  # Python 3.11
except ImportError:  # pragma: no cover
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        from hashlib import sha256

__all__ = ["sha1", "sha256"]
