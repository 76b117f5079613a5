"""Where eagerrepl's configuration lives: IPython's `eagerrepl` profile, for the REPL, its batch
modes and the kernel alike.

`$IPYTHONDIR/profile_eagerrepl/` (by default `~/.ipython/profile_eagerrepl/`): its
`ipython_config.py` and `startup/` files apply to every eagerrepl front end and never to plain
IPython, and `ipython_kernel_config.py` to the kernel only. `%load_ext eagerrepl` in anyone's
IPython changes nothing about profiles: that session keeps its own.
"""

import tempfile
import warnings

from IPython.core.application import BaseIPythonApplication
from IPython.paths import get_ipython_dir
from traitlets import Bool, Unicode, default

PROFILE = "eagerrepl"


class EagerreplProfile(BaseIPythonApplication):
    """Base of eagerrepl's IPython applications: the `eagerrepl` profile, made on first start."""

    profile = Unicode(PROFILE, help="The IPython profile to use.").tag(config=True)
    auto_create = Bool(True)  # a first start makes the profile's folder (no config file is written)

    @default("ipython_dir")
    def _ipython_dir_default(self):
        try:
            folder = get_ipython_dir()  # IPython falls back to a temporary folder, warning, where it can
        except OSError as exc:  # where it cannot (a HOME that is missing or unusable): so do we
            folder = tempfile.mkdtemp(prefix="eagerrepl-ipython-")
            warnings.warn(f"cannot make IPython's folder ({exc.strerror}: {exc.filename}); using {folder}, "
                          "so no history or configuration is kept", stacklevel=2)
        self._ipython_dir_changed({"name": "ipython_dir", "old": folder, "new": folder})
        return folder
