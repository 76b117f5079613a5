"""The terminal REPL: prompt_toolkit reads cells, the Session runs them, rich prints the outputs."""
