"""The engine: tensors, ops, tapes and automatic differentiation. No I/O, no front-end knowledge."""

from . import operators as _operators  # noqa: F401 - binds +, *, @, [] ... on Tensor and Variable
