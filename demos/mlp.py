# A small MLP classifier, trained on a generated data set of two interleaved half-moons.
import numpy as np

import eagerrepl as er

er.set_random_seed(0)  # the weights' initial values
rng = np.random.default_rng(0)  # the data set

# %%
# 200 points on each moon, with a little noise; label 0 for the upper moon, 1 for the lower
n = 200
angle = rng.uniform(0, np.pi, n)
upper = np.stack([np.cos(angle), np.sin(angle)], axis=1)
lower = np.stack([1 - np.cos(angle), 0.5 - np.sin(angle)], axis=1)
noise = rng.normal(0, 0.1, (2 * n, 2))
points = er.constant(np.concatenate([upper, lower]) + noise, dtype=er.float32)
labels = er.constant(np.repeat([0, 1], n))
points.shape, labels.shape

# %%
# Two inputs, 16 tanh units, two logits
W1 = er.Variable(er.random_normal([2, 16], stddev=0.5), name="W1")
b1 = er.Variable(er.zeros([16]), name="b1")
W2 = er.Variable(er.random_normal([16, 2], stddev=0.5), name="W2")
b2 = er.Variable(er.zeros([2]), name="b2")


def logits(x):
    return er.matmul(er.tanh(er.matmul(x, W1) + b1), W2) + b2


def loss():
    return er.reduce_mean(er.nn.softmax_cross_entropy_with_logits(
        labels=er.one_hot(labels, 2), logits=logits(points)))


def accuracy():
    predicted = er.argmax(logits(points), axis=1)
    correct = er.equal(predicted, er.cast(labels, predicted.dtype))
    return er.reduce_mean(er.cast(correct, er.float32)).numpy()

# %%
print(f"before training: loss {loss().numpy():.3f}, accuracy {accuracy():.0%}")

# %%
# Adam on the gradients for every Variable the loss reads; a progress bar over the epochs
def bar(done, total, width=30):
    filled = width * done // total
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


optimizer = er.train.AdamOptimizer(learning_rate=0.05)
grad = er.implicit_gradients(loss)
epochs = 150
for epoch in range(1, epochs + 1):
    optimizer.apply_gradients(grad())
    print(f"\repoch {bar(epoch, epochs)}  loss {loss().numpy():.3f}", end="", flush=True)
print()

# %%
print(f"after training: loss {loss().numpy():.3f}, accuracy {accuracy():.0%}")

# %%
# Which moon does the model put a few new points on?
er.argmax(logits(er.constant([[0.0, 1.0], [1.0, -0.5], [-1.0, 0.0], [2.0, 0.0]])), axis=1)
