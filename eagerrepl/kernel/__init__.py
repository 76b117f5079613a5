"""The Jupyter kernel: ipykernel's IPython kernel with the eagerrepl extension loaded.

`python -m eagerrepl.kernel -f CONNECTION_FILE` starts it (what the kernelspec in the top-level
`kernel/` folder runs); `eagerrepl kernel install` installs that kernelspec. Importing this package
costs nothing: ipykernel is imported only by the modules that need it.
"""

KERNEL_NAME = "eagerrepl"
