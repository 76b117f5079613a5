"""The engine: tensors, ops, tapes and automatic differentiation. No I/O, no front-end knowledge.

Its modules build on each other in this order, each importing only modules listed before it (and
the backend), at the top of the module; tests/test_layers.py checks that no import cycle forms.

    opwarnings                     warnings from inside ops, issued at the user's line
    dtypes, convert, errors, nest  dtypes, values to backend arrays, the exceptions, nested structures
    rendering                      how engine values reach eagerrepl.display without importing it
    tensor, tape                   Tensor (and values to tensors); what ops leave on tapes
    primitive                      what an op is (Op) and how ops are built: unary, binary, @primitive
    variable, axes                 Variable; shape and axis arguments
    broadcasting                   broadcast_to, sum_to, cast, unbroadcast: what gradients need
    elementwise, shape, reduction, linalg, placement, creation, random, nn    the ops
    gradient_tape, errstate, autodiff, train, gradcheck                       using them
    operators, methods             Python's operators and NumPy's methods on Tensor and Variable, bound to the ops
"""

from . import methods as _methods  # noqa: F401 - binds sum, reshape, astype ... on Tensor and Variable
from . import operators as _operators  # noqa: F401 - binds +, *, @, [] ... on Tensor and Variable
