"""The parts of the city-draft editor (``ui/draft_editor.py`` composes them).

``tree_model`` (the clause tree), ``clause_form`` (heading, body, flags; title and preamble),
``sources_pane`` (the provincial and central text and the basis beside the clause),
``recovery_banner`` (the autosave left by a session that did not close), ``status_row`` (messages,
export progress, the exported file) and ``panes`` (the contract of a pane added beside the clause).
"""
