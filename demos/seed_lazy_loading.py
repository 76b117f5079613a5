# The seed's "Lazy Loading" example: indexing a tensor in a Python loop adds no graph nodes.
import eagerrepl as tf

tf.set_random_seed(0)
x = tf.random_uniform([2, 2])
for i in range(x.shape[0]):
    for j in range(x.shape[1]):
        print(x[i, j])
