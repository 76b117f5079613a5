"""eagerrepl's magics, as IPython `Magics` classes that the extension registers (shell/extension.py).

derivatives.py: %grad, %jacobian, %hessian, %tape / %%tape, %gradcheck; plot.py: %plot; nan.py:
%debug_nan; device.py: %device. usage.py makes a magic's bad input one line plus its usage.
"""
