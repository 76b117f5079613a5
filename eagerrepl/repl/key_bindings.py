"""Keys: Enter runs the cell only when the Session says it is complete; otherwise it indents."""

from prompt_toolkit.filters import Condition, has_completions
from prompt_toolkit.key_binding import KeyBindings


def build_key_bindings(session):
    """Key bindings for the prompt, given the Session that judges completeness."""
    bindings = KeyBindings()

    @Condition
    def blank_before_cursor():
        from prompt_toolkit.application import get_app
        document = get_app().current_buffer.document
        return document.current_line_before_cursor.strip() == ""

    @bindings.add("enter", filter=~has_completions)
    def enter(event):
        """Run a complete cell; in an unfinished one, start the next line at the right indent."""
        buffer = event.current_buffer
        text = buffer.text
        if text[buffer.cursor_position:].strip():
            # Editing in the middle of a cell: Enter splits the line, like any editor.
            buffer.insert_text("\n")
            return
        status, indent = session.is_complete(text)
        if status == "incomplete":
            buffer.insert_text("\n" + indent)
        else:
            buffer.validate_and_handle()

    @bindings.add("escape", "enter")
    def force_run(event):
        """Meta-Enter runs the cell as it is, complete or not."""
        event.current_buffer.validate_and_handle()

    @bindings.add("tab", filter=blank_before_cursor & ~has_completions)
    def indent(event):
        """Tab at the start of a line indents instead of completing."""
        event.current_buffer.insert_text("    ")

    return bindings
