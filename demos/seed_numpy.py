# The seed's "Tensors Act Like NumPy Arrays" example.
import numpy as np

import eagerrepl as tf

x = tf.constant([1.0, 2.0, 3.0])

# Tensors are backed by NumPy arrays
assert type(x.numpy()) == np.ndarray

squared = np.square(x)  # Tensors are compatible with NumPy functions
print(squared)

# Tensors are iterable! Caveat: use tf.equal to compare Tensors, not ==
for i in x:
    print(i)
