"""The parts of the city-draft editor; ``ui/draft_editor.py`` composes them (its docstring says how to add a pane).

``tree_model`` (the clause tree), ``clause_form`` (heading, body, flags; title and preamble; the edits
typed text amounts to), ``sources_pane`` (the provincial and central text and the basis beside the
clause), ``recovery_banner`` (the autosave left by a session that did not close), ``status_row``
(messages, export progress, the exported file), ``toolbar`` (the editor's actions), ``files`` (保存,
另存为, the close question, autosave and recovery), ``export`` (Word exports on the job runner) and
``panes`` (the contract of a pane added beside the clause).
"""
