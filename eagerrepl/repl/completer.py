"""Tab completion in the prompt, from the Session's `complete`."""

from prompt_toolkit.completion import Completer, Completion


class SessionCompleter(Completer):
    """Offers what `Session.complete` finds at the cursor."""

    def __init__(self, session):
        self.session = session

    def get_completions(self, document, complete_event):
        """Yield prompt_toolkit Completions for the text before the cursor."""
        found = self.session.complete(document.text, document.cursor_position)
        offset = found.cursor_start - document.cursor_position
        for match, kind in zip(found.matches, found.types):
            yield Completion(match, start_position=offset, display_meta=kind)
