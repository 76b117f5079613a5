"""%magic: every magic with its one line of help."""

from . import line_magic


@line_magic("magic", "list every magic command with a line of help", usage="%magic")
def magic(session, args):
    """Print each registered magic's usage and help."""
    magics = session.magics.all()
    width = max(len(m.usage.split("\\n")[0]) for m in magics)
    for m in magics:
        print(f"  {m.usage.split(chr(92) + 'n')[0].ljust(width)}  {m.help}")
    print("  x? / x??".ljust(width + 2) + "  help on x / with its source")
