"""%device: which device new tensors go to."""

from . import UsageError, line_magic


@line_magic("device", "show the devices and the default one, or set the default",
            usage="%device [cpu|gpu|NAME]", options=("cpu", "gpu"))
def device(session, args):
    """With no argument, list devices; with one, make it the default for new tensors."""
    import eagerrepl as er
    name = args.strip()
    if name:
        if " " in name:
            raise UsageError("%device takes one device name")
        if ":" not in name:
            name += ":0"
        try:
            er.set_default_device(name)
        except er.DeviceError as exc:
            raise UsageError(str(exc)) from None
        print(f"Default device: {er.get_default_device()}")
        return None
    default = er.get_default_device()
    for found in er.list_devices():
        print(f"{'*' if found == default else ' '} {found}")
    return None
