"""`eagerrepl kernel install`: put the kernelspec where Jupyter looks, as `python -m ipykernel install` does.

`pip install eagerrepl` already installs the kernelspec into the environment's prefix (shared data
in the wheel); this command is for other places: the user's Jupyter folder, another prefix, or a
second name. The installed spec runs this very Python, so Jupyter from another environment works.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile

from . import KERNEL_NAME

SPEC_FILES = ("kernel.json", "logo-32x32.png", "logo-64x64.png")


def spec_source():
    """The folder holding kernel.json and the logos: the source tree's `kernel/`, else the installed copy."""
    package_parent = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    candidates = [os.path.join(package_parent, "kernel"),
                  os.path.join(sys.prefix, "share", "jupyter", "kernels", KERNEL_NAME)]
    for folder in candidates:
        if os.path.isfile(os.path.join(folder, "kernel.json")):
            return folder
    raise FileNotFoundError("eagerrepl's kernelspec was not found in " + " or ".join(candidates)
                            + "; reinstall eagerrepl (pip install eagerrepl)")


def install(user=False, prefix=None, name=KERNEL_NAME, display_name=None):
    """Install the kernelspec (system-wide by default, like ipykernel) and return the folder it went to."""
    from jupyter_client.kernelspec import KernelSpecManager
    with tempfile.TemporaryDirectory() as staging:
        # Staged, because install_kernel_spec first deletes its destination, which may be the source.
        source = spec_source()
        for filename in SPEC_FILES:
            shutil.copy(os.path.join(source, filename), staging)
        path = os.path.join(staging, "kernel.json")
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        spec["argv"][0] = sys.executable
        if display_name:
            spec["display_name"] = display_name
        with open(path, "w", encoding="utf-8") as f:
            json.dump(spec, f, indent=1)
            f.write("\n")
        return KernelSpecManager().install_kernel_spec(staging, name, user=user, prefix=prefix)


def _parser():
    parser = argparse.ArgumentParser(prog="eagerrepl kernel",
                                     description="Manage eagerrepl's Jupyter kernel.")
    commands = parser.add_subparsers(dest="command", metavar="install", required=True)
    sub = commands.add_parser("install", help="install the kernelspec so Jupyter lists `eagerrepl`",
                              description="Install eagerrepl's Jupyter kernelspec (system-wide unless "
                                          "--user, --sys-prefix or --prefix says otherwise).")
    where = sub.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="for the current user only")
    where.add_argument("--sys-prefix", action="store_true",
                       help=f"into this Python's environment ({sys.prefix})")
    where.add_argument("--prefix", metavar="P", help="into P/share/jupyter/kernels")
    sub.add_argument("--name", metavar="N", default=KERNEL_NAME, help=f"kernel name (default: {KERNEL_NAME})")
    sub.add_argument("--display-name", metavar="D", help="name shown in Jupyter's menus")
    return parser


def main(argv):
    """`eagerrepl kernel install [--user|--sys-prefix|--prefix P] [--name N]`; returns the exit status."""
    options = _parser().parse_args(argv)
    prefix = sys.prefix if options.sys_prefix else options.prefix
    try:
        folder = install(user=options.user, prefix=prefix, name=options.name,
                         display_name=options.display_name)
    except (OSError, ValueError) as exc:
        print(f"eagerrepl kernel install: {exc}", file=sys.stderr)
        return 1
    print(f"Installed kernelspec {options.name} in {folder}")
    return 0
