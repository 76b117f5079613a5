# GradientTape: record a computation, draw the recorded tape as a tree, and differentiate it.
import eagerrepl as er

x = er.Variable(3.0, name="x")
w = er.constant(2.0)

# %%
# Variables are watched on their own; a constant is watched on request
with er.GradientTape(persistent=True) as tape:
    tape.watch(w)
    y = w * x ** 2 + er.sin(x)
y

# %%
# The tape, drawn from its result down to the watched tensors
tape

# %%
# dy/dx = 2wx + cos(x) = 12 + cos(3), and dy/dw = x**2 = 9
tape.gradient(y, [x, w])

# %%
# A tape inside a tape records the first gradient, so the outer one gives the second
with er.GradientTape() as outer:
    with er.GradientTape() as inner:
        z = x ** 3
    dz_dx = inner.gradient(z, x)
d2z_dx2 = outer.gradient(dz_dx, x)
dz_dx, d2z_dx2
