# Derivatives of expressions: gradients, Hessians and Jacobians as functions of functions.
import eagerrepl as er

x = er.constant([1.0, 2.0, 3.0])

# %%
# The gradient of a scalar function of a vector: d/dx sum(x**2) = 2x
er.grad(lambda x: er.reduce_sum(x ** 2))(x)

# %%
# Its Hessian: the matrix of second derivatives, here 2 on the diagonal
er.hessian(lambda x: er.reduce_sum(x ** 2))(x)

# %%
# A function that mixes its inputs has off-diagonal second derivatives
def f(v):
    return v[0] * v[1] ** 2 + er.sin(v[2])


er.hessian(f)(x)

# %%
# The Jacobian of a vector function: one row per output
er.jacobian(lambda v: er.stack([v[0] * v[1], v[1] + v[2]]))(x)

# %%
# Derivatives nest to any order: the first three of tanh at 0.5
d1 = er.grad(er.tanh)
d2 = er.grad(d1)
d3 = er.grad(d2)
[round(float(d(0.5)), 6) for d in (d1, d2, d3)]

# %%
# The same from the prompt, with magics: %grad differentiates what you type
w = er.constant(2.0)
%grad w ** 3 + er.sin(w)

# %%
# ... to any order
%grad -n 3 w ** 3 wrt w

# %%
# %hessian of an expression in two tensors
a = er.constant([1.0, 2.0])
%hessian er.reduce_sum(a ** 3) * w wrt a, w
