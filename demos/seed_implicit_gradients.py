# The seed's tfe.implicit_gradients example: derivatives with respect to the Variables f reads.
import eagerrepl as tfe

vx = tfe.Variable(initial_value=1.0, name="vx")
vy = tfe.Variable(initial_value=1.0, name="vy")


def f(x):
    return 2 * vx * x


g = tfe.implicit_gradients(f)
print(g(2.))  # [(gradient 4.0, Variable vx with value 1.0)]: vy was not read, so it is absent
