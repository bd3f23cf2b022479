"""Fixtures for torch.save/torch.load written by real PyTorch 1.13: run with Debian's Python,
    /usr/bin/python3 test/serialization/generate_fixtures.py
It writes fixtures/*.pt (committed) and fixtures.json: what PyTorch itself reads back from each
file (describe_pt.describe), and, for the model fixtures, the model's output."""
import argparse, collections, json, os, sys
import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from describe_pt import describe, mlp

fx = os.path.join(here, "fixtures")
os.makedirs(fx, exist_ok=True)
out = {"torch": torch.__version__}

def save(name, obj, **kw):
    path = os.path.join(fx, name + ".pt")
    torch.save(obj, path, **kw)
    out[name] = describe(torch.load(path), {})

# every dtype, with the values that are easy to get wrong
save("dtypes", {
    "bool": torch.tensor([True, False, True]),
    "uint8": torch.tensor([0, 1, 255], dtype=torch.uint8),
    "int8": torch.tensor([-128, 0, 127], dtype=torch.int8),
    "int16": torch.tensor([-32768, 7, 32767], dtype=torch.int16),
    "int32": torch.tensor([-2**31, 12345, 2**31 - 1], dtype=torch.int32),
    "int64": torch.tensor([-2**63, 2**53 + 1, 2**63 - 1, 42]),
    "float16": torch.tensor([1.5, -0.0, 65504.0, 6e-8, float("inf"), float("nan")], dtype=torch.float16),
    "float32": torch.tensor([[0.1, -2.5], [float("-inf"), 3.4e38]]),
    "float64": torch.tensor([0.1, 1e-300, -0.0], dtype=torch.float64),
    "bfloat16": torch.tensor([1.0, -2.5, 3.140625], dtype=torch.bfloat16),
    "scalar": torch.tensor(7.25),
    "empty": torch.zeros(0, 3),
})

# views keep sharing one storage
x = torch.arange(12, dtype=torch.float32).reshape(3, 4)
save("views", {"base": x, "row": x[1], "t": x.t(), "cols": x[:, 1:3], "same": [x, x]})

# a model's state dict (OrderedDict with _metadata, int64 buffer) and a training checkpoint
torch.manual_seed(0)
model = mlp()
opt = torch.optim.Adam(model.parameters(), lr=0.01)
data = torch.randn(16, 4)
for _ in range(3):
    opt.zero_grad()
    loss = model(data).pow(2).mean()
    loss.backward()
    opt.step()
save("mlp_state", model.state_dict())
model.eval()
torch.manual_seed(123)
out["mlp_output"] = model(torch.randn(5, 4)).tolist()
save("checkpoint", {"epoch": 3, "model": model.state_dict(), "optimizer": opt.state_dict(), "loss": loss.item(),
                    "name": "mlp", "nested": [1, (2.5, "x"), {"k": None, "b": True}], "big": 2**60, "neg": -7,
                    "dtype": torch.float64})

# a parameter and a tensor that requires grad
save("param", {"p": torch.nn.Parameter(torch.tensor([1.0, 2.0])), "g": torch.tensor([3.0], requires_grad=True)})

# pickle protocol 4 (other opcodes: SHORT_BINUNICODE, MEMOIZE, FRAME)
save("protocol4", {"a": torch.tensor([1, 2, 3]), "s": "text", "f": 0.5}, pickle_protocol=4)

# an arbitrary class: loads with weights_only=False in PyTorch, refused with weights_only=True
save("unsafe", {"args": argparse.Namespace(lr=0.1), "w": torch.ones(2)})
try:
    torch.load(os.path.join(fx, "unsafe.pt"), weights_only=True)
    out["unsafe_weights_only_error"] = None
except Exception as e:
    out["unsafe_weights_only_error"] = f"{type(e).__name__}: {e}"

# the tutorial loop test/serialization/torch_save.test.ts runs in gradlab: same data, batches and losses
torch.manual_seed(0)
X = torch.randn(64, 4)
y = (X[:, 0] > 0).long() + (X[:, 1] > 0).long()
loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, y), batch_size=16, shuffle=True)
model = mlp()
loss_fn = torch.nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
losses = []
for epoch in range(3):
    model.train()
    for xb, yb in loader:
        loss = loss_fn(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
model.eval()
torch.manual_seed(123)
out["tutorial"] = {"losses": losses, "output": model(torch.randn(5, 4)).tolist()}

# the same state dict with its entries deflated (torch.load reads any zip), and in the legacy (pre-1.6) format
import zipfile
with zipfile.ZipFile(os.path.join(fx, "mlp_state.pt")) as src, zipfile.ZipFile(os.path.join(fx, "mlp_state_deflated.pt"), "w", zipfile.ZIP_DEFLATED) as dst:
    for info in src.infolist():
        dst.writestr(info.filename, src.read(info.filename))
out["mlp_state_deflated"] = describe(torch.load(os.path.join(fx, "mlp_state_deflated.pt")), {})
torch.save(torch.arange(3), os.path.join(fx, "legacy.pt"), _use_new_zipfile_serialization=False)

# load_state_dict's report of missing and unexpected keys
sd = model.state_dict()
del sd["3.bias"]
sd["extra.weight"] = torch.zeros(1)
out["incompatible_keys"] = str(mlp().load_state_dict(sd, strict=False))
try:
    mlp().load_state_dict(sd)
except RuntimeError as e:
    out["strict_error"] = f"{type(e).__name__}: {e}"

with open(os.path.join(here, "fixtures.json"), "w") as f:
    json.dump(out, f)
print("wrote fixtures/*.pt and fixtures.json")
