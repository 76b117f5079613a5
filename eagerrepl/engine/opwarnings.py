"""Warnings from inside ops (numpy's overflow, division by zero, invalid value...), issued at the user's line.

numpy warns from the Python frame that called it, which is one of eagerrepl's. Left alone, every
such warning would point into eagerrepl, and since Python shows a warning once per line, the first
would hide all later ones, whatever line of the user's they came from. So importing the engine adds
one warnings filter: RuntimeWarnings raised in the frames of the modules that compute ops become
exceptions. Ops compute inside a `try` anyway (free until something raises); on such an exception
they call `reissue`, which computes again while collecting the warnings and issues each one at
the first frame outside eagerrepl, where the user's own filters then apply. A filter of the user's
that matches first (`warnings.simplefilter("always")`, `pytest.warns`) keeps numpy's frame.
"""

import os
import sys
import warnings

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep

# The modules whose numpy calls all run inside an op's `try` (or to_array's), so that none of
# their warnings escapes as an exception.
OP_MODULES = r"eagerrepl\.engine\.(primitive|elementwise|reduction|broadcasting|shape|linalg|nn|convert|dtypes)$"

warnings.filterwarnings("error", category=RuntimeWarning, module=OP_MODULES)


def reissue(compute, *args, **kwargs):
    """compute(*args, **kwargs) again, its warnings issued at the user's line rather than inside eagerrepl."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = compute(*args, **kwargs)
    frame, level = sys._getframe(), 1  # warnings.warn's stacklevel 1 is this frame
    while frame.f_back is not None and os.path.abspath(frame.f_code.co_filename).startswith(PACKAGE_DIR):
        frame, level = frame.f_back, level + 1
    for w in caught:
        try:
            warnings.warn(w.message, w.category, stacklevel=level)
        except Warning as error:  # the user's filters make it an error: raise it alone, not as "during handling"
            raise error from None
    return result
