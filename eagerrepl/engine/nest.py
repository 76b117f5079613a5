"""Nested structures (lists, tuples, namedtuples, dicts) of tensors: flatten and rebuild."""


_CONTAINERS = (dict, list, tuple)


def flatten(structure):
    """The leaves of a nested structure, in order (dicts by sorted key, as TF)."""
    if not isinstance(structure, _CONTAINERS):
        return [structure]
    if isinstance(structure, dict):
        return [leaf for key in sorted(structure) for leaf in flatten(structure[key])]
    return [leaf for item in structure for leaf in flatten(item)]


def pack_like(structure, leaves):
    """A structure shaped like `structure` holding `leaves` (from `flatten`) instead."""
    it = iter(leaves)

    def build(s):
        if isinstance(s, dict):
            built = {key: build(s[key]) for key in sorted(s)}
            return type(s)((key, built[key]) for key in s)
        if isinstance(s, (list, tuple)):
            items = [build(item) for item in s]
            if hasattr(s, "_fields"):  # namedtuple
                return type(s)(*items)
            return type(s)(items)
        return next(it)

    return build(structure)
