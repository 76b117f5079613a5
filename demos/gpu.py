# Devices: the same code on the CPU or a GPU. Without a GPU, eagerrepl says what is missing.
import eagerrepl as er

er.set_random_seed(0)
er.list_devices()

# %%
# Ask for the GPU by name: without one, the error says why (no quiet fallback to the CPU)
try:
    with er.device("gpu:0"):
        er.ones([2, 2])
    print("A GPU is present: tensors in an er.device('gpu:0') block live there.")
except er.DeviceError as error:
    print(f"No GPU here: {error}")

# %%
# Pick whichever device is present; the code below does not change
where = "gpu:0" if er.num_gpus() else "cpu:0"
with er.device(where):
    a = er.random_normal([256, 256])
    b = er.random_normal([256, 256])
    c = er.matmul(a, b)
print(f"{c.shape} matmul on {where}: {c.device}")

# %%
# Gradients work the same on either device
with er.device(where):
    x = er.linspace(-2.0, 2.0, 5)
    dy_dx = er.grad(lambda x: er.reduce_sum(x ** 3))(x)
dy_dx

# %%
# Copies between devices are explicit (.gpu(), .cpu(), .to(name)), and gradients flow through them
f = lambda x: er.reduce_sum((x.to(where) * 2).cpu())
er.grad(f)(er.constant([1.0, 2.0]))
