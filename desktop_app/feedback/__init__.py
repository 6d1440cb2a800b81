"""The consultation round trip (征求意见): returned Word files read back, decisions, the write-up.

Plain Python, no Qt.  Import the submodules themselves (``feedback.importer``,
``feedback.decide`` …): this package is also imported by the draft file reader,
so it keeps its ``__init__`` free of anything that imports the drafting package.
"""
