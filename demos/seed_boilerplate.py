# The seed's "Boilerplate" example: no placeholders, no sessions; ops return values at once.
import eagerrepl as tf

x = [[2.]]  # No need for placeholders!
m = tf.matmul(x, x)
print(m)  # No sessions!
# Tensor([[4.]], shape=(1, 1), dtype=float32)
