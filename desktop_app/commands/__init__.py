"""Subcommands of the ``policydesk`` command line, one module per capability."""
