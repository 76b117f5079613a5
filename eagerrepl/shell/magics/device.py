"""%device: which device new tensors go to."""

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class

from .usage import usage


@magics_class
class DeviceMagics(Magics):
    """The default device for new tensors."""

    @line_magic
    @usage("%device [cpu|gpu|NAME]")
    def device(self, line):
        """With no argument, list the devices (the default one starred); with one, make it the default."""
        import eagerrepl as er
        name = line.strip()
        if not name:
            default = er.get_default_device()
            for found in er.list_devices():
                print(f"{'*' if found == default else ' '} {found}")
            return
        if " " in name:
            raise UsageError("%device takes one device name")
        if ":" not in name:
            name += ":0"
        try:
            er.set_default_device(name)
        except er.DeviceError as exc:
            raise UsageError(str(exc)) from None
        print(f"Default device: {er.get_default_device()}")
