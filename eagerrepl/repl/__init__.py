"""The terminal REPL: prompt_toolkit reads cells, the Session runs them, rich prints the outputs."""


def run(**settings):
    """Start the interactive REPL on this terminal and return its exit status."""
    from .app import Repl
    return Repl(**settings).run()
