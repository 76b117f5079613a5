"""The terminal REPL: IPython's terminal shell with the eagerrepl extension, and its batch modes."""
