"""The shell layer: IPython's InteractiveShell, and the eagerrepl IPython extension added to it (extension.py).

The magics are in shell/magics/, what they read in expression.py and what they show in results.py;
formatters.py, bounded_text.py, tracebacks.py and out_budget.py are how values, text, errors and
Out behave in a shell with eagerrepl loaded. What the front ends share lives here too, below
them: printer.py (showing a cell's outcome on a terminal), style.py (colour, prompts), banner.py.
"""
