# The seed's tfe.gradients_function examples, up to the third derivative.
import eagerrepl as tf
import eagerrepl as tfe


def f(x, y):
    return x ** 2 + y ** 2


g = tfe.gradients_function(f)
print(g(2., 3.))  # [<Tensor: ... numpy=4.0>, <Tensor: ... numpy=6.0>]


def f(x):
    return tf.multiply(x, x)  # Or x * x


assert 9 == f(3.).numpy()

df = tfe.gradients_function(f)
assert 6 == df(3.)[0].numpy()

# Second order derivative.
d2f = tfe.gradients_function(lambda x: df(x)[0])
assert 2 == d2f(3.)[0].numpy()

# Third order derivative.
d3f = tfe.gradients_function(lambda x: d2f(x)[0])
assert 0 == d3f(3.)[0].numpy()
print(df(3.), d2f(3.), d3f(3.))
