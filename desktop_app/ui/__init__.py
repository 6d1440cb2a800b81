"""The desktop window (PySide6).  Everything here sits on the Qt-free domain in desktop_app.core and .search."""
