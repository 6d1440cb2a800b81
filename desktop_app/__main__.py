"""Entry point for ``python -m desktop_app``, the console script and PyInstaller."""

import sys

from desktop_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
