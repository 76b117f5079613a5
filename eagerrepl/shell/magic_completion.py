"""Tab after `%device ` and `%debug_nan `: the words these magics take, as IPython's command completers."""

WORDS = {"%device": ("cpu", "gpu"), "%debug_nan": ("on", "warn", "off")}


def install(shell, settings):
    """Offer each magic's words when Tab is pressed after it; returns the function that undoes it."""
    hooks = {}
    for command, words in WORDS.items():
        hooks[command] = lambda shell, event, words=words: list(words)
        shell.set_hook("complete_command", hooks[command], str_key=command)

    def undo():
        chains = shell.strdispatchers["complete_command"].strs
        for command, hook in hooks.items():
            chain = chains[command].chain  # (priority, hook bound to the shell) pairs
            chain[:] = [(priority, f) for priority, f in chain if getattr(f, "__func__", f) is not hook]
            if not chain:
                del chains[command]
    return undo
