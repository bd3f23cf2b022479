"""Models, reprs, optimizers, schedulers and error messages for generate_nn_goldens.py."""
import warnings
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---- ResNet-18, exactly as torchvision 0.14 builds it (module order = RNG order) ----------------------

def conv3x3(i, o, stride=1):
    return nn.Conv2d(i, o, kernel_size=3, stride=stride, padding=1, bias=False)


def conv1x1(i, o, stride=1):
    return nn.Conv2d(i, o, kernel_size=1, stride=stride, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        return self.relu(out)


class ResNet(nn.Module):
    def __init__(self, layers=(2, 2, 2, 2), num_classes=1000):
        super().__init__()
        self.inplanes = 64
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(64, layers[0])
        self.layer2 = self._make_layer(128, layers[1], stride=2)
        self.layer3 = self._make_layer(256, layers[2], stride=2)
        self.layer4 = self._make_layer(512, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)

    def _make_layer(self, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            downsample = nn.Sequential(conv1x1(self.inplanes, planes, stride), nn.BatchNorm2d(planes))
        layers = [BasicBlock(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes
        for _ in range(1, blocks):
            layers.append(BasicBlock(self.inplanes, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def resnet18(**kw):
    return ResNet(**kw)


def check_against_torchvision():
    try:
        import torchvision
    except ImportError:
        return "torchvision not installed"
    torch.manual_seed(0)
    a = resnet18().state_dict()
    torch.manual_seed(0)
    b = torchvision.models.resnet18().state_dict()
    assert list(a) == list(b), "state_dict names differ from torchvision"
    assert all(torch.equal(a[k], b[k]) for k in a), "parameters differ from torchvision"
    torch.manual_seed(0)
    assert repr(resnet18()).replace("ResNet(", "") == repr(torchvision.models.resnet18()).replace("ResNet(", "")
    return f"identical to torchvision {torchvision.__version__}"


# ---- training runs -------------------------------------------------------------------------------------

def train_record(enc, model, x, y, crit, opt, steps=3, loss_fn=None):
    rec = {"params0": {k: enc(v) for k, v in model.state_dict().items()}, "losses": []}
    for step in range(steps):
        opt.zero_grad(set_to_none=True)
        out = model(x)
        loss = loss_fn(out, y) if loss_fn else crit(out, y)
        loss.backward()
        if step == 0:
            rec["out0"] = enc(out, 2000)
            rec["grad_fn"] = type(out.grad_fn).__name__
            rec["grads0"] = {k: enc(p.grad) for k, p in model.named_parameters()}
        rec["losses"].append(loss.item())
        opt.step()
        if step == 0:
            rec["params1"] = {k: enc(v) for k, v in model.state_dict().items()}
    rec["params3"] = {k: enc(v) for k, v in model.state_dict().items()}
    model.eval()
    with torch.no_grad():
        rec["eval_out"] = enc(model(x), 2000)
    return rec


def models_section(enc, next_fns, err):
    res = {}
    # MLP with Adam
    torch.manual_seed(0)
    mlp = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
    x = torch.randn(5, 4)
    y = torch.randint(0, 3, (5,))
    res["mlp"] = dict(train_record(enc, mlp, x, y, nn.CrossEntropyLoss(), torch.optim.Adam(mlp.parameters(), lr=0.01)),
                      x=enc(x), y=enc(y), repr=repr(mlp))
    # small CNN with SGD + momentum (conv, batch norm, relu, max pool, dropout, linear)
    torch.manual_seed(0)
    cnn = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Dropout(0.25), nn.Linear(4 * 4 * 4, 3))
    x = torch.randn(6, 1, 8, 8)
    y = torch.randint(0, 3, (6,))
    res["cnn"] = dict(train_record(enc, cnn, x, y, nn.CrossEntropyLoss(), torch.optim.SGD(cnn.parameters(), lr=0.1, momentum=0.9)),
                      x=enc(x), y=enc(y), repr=repr(cnn))
    # ResNet-18, seed 004's steps (zero_grad between iterations); the float64 run and PyTorch's
    # float32 spread are in generate_resnet18_goldens.py
    res["resnet_check"] = check_against_torchvision()
    torch.manual_seed(0)
    model = resnet18()
    data = torch.rand(1, 3, 64, 64)
    labels = torch.rand(1, 1000)
    opt = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
    rec = train_record(enc, model, data, labels, None, opt, loss_fn=lambda p, l: (p - l).sum())
    rec.update(data=enc(data), labels=enc(labels), n_params=sum(p.numel() for p in model.parameters()),
               state_dict_keys=list(model.state_dict().keys()), repr=repr(model))
    res["resnet18"] = rec
    # Freezing (the PyTorch tutorial): only the new fc gets gradients
    torch.manual_seed(0)
    model = resnet18()
    for p in model.parameters():
        p.requires_grad = False
    model.fc = nn.Linear(512, 10)
    opt = torch.optim.SGD(model.fc.parameters(), lr=1e-2, momentum=0.9)
    data = torch.rand(1, 3, 64, 64)
    labels = torch.rand(1, 10)
    pred = model(data)
    loss = (pred - labels).sum()
    loss.backward()
    res["freeze"] = {"pred": enc(pred), "loss": loss.item(), "with_grad": [k for k, p in model.named_parameters() if p.grad is not None],
                     "grad_fn": type(pred.grad_fn).__name__, "next_functions": next_fns(pred.grad_fn),
                     "fc_grad": {k: enc(p.grad) for k, p in model.fc.named_parameters()}}
    opt.step()
    res["freeze"]["fc_after"] = {k: enc(v) for k, v in model.fc.state_dict().items()}
    res.update(reprs_section(enc))
    res["optim"] = optim_section(enc)
    res["schedulers"] = scheduler_section()
    res["errors"] = errors_section(err)
    return res


def reprs_section(enc):
    torch.manual_seed(0)
    lin = nn.Linear(2, 1)
    layers = {
        "Linear": nn.Linear(3, 4), "Linear_nobias": nn.Linear(3, 4, bias=False), "Identity": nn.Identity(),
        "Bilinear": nn.Bilinear(2, 3, 4),
        "Conv2d": nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), "Conv2d_same": nn.Conv2d(3, 8, 3, padding="same"),
        "Conv2d_groups": nn.Conv2d(4, 8, (3, 5), stride=(1, 2), dilation=2, groups=2),
        "Conv1d": nn.Conv1d(2, 4, 3), "ConvTranspose2d": nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1),
        "MaxPool2d": nn.MaxPool2d(3, stride=2, padding=1), "MaxPool2d_2": nn.MaxPool2d(2),
        "AvgPool2d": nn.AvgPool2d(2), "AdaptiveAvgPool2d": nn.AdaptiveAvgPool2d((1, 1)), "AdaptiveAvgPool2d_5": nn.AdaptiveAvgPool2d(5),
        "BatchNorm1d": nn.BatchNorm1d(10, momentum=None, affine=False), "BatchNorm2d": nn.BatchNorm2d(64),
        "LayerNorm": nn.LayerNorm(10), "LayerNorm_2": nn.LayerNorm([3, 4], eps=1e-6, elementwise_affine=False),
        "Dropout": nn.Dropout(), "Dropout_2": nn.Dropout(0.2, inplace=True),
        "Embedding": nn.Embedding(10, 3), "Embedding_pad": nn.Embedding(10, 3, padding_idx=0, max_norm=1.5),
        "Flatten": nn.Flatten(), "ReLU": nn.ReLU(), "ReLU_inplace": nn.ReLU(inplace=True), "LeakyReLU": nn.LeakyReLU(0.2),
        "GELU": nn.GELU(), "GELU_tanh": nn.GELU(approximate="tanh"), "Sigmoid": nn.Sigmoid(), "Tanh": nn.Tanh(),
        "Softmax": nn.Softmax(dim=1), "LogSoftmax": nn.LogSoftmax(dim=-1),
        "MSELoss": nn.MSELoss(), "CrossEntropyLoss": nn.CrossEntropyLoss(label_smoothing=0.1), "BCEWithLogitsLoss": nn.BCEWithLogitsLoss(),
        "Sequential_dict": nn.Sequential(OrderedDict([("conv", nn.Conv2d(1, 2, 3)), ("act", nn.ReLU())])),
        "ModuleList": nn.ModuleList([nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)]),
        "ModuleDict": nn.ModuleDict({"a": nn.Linear(2, 2), "b": nn.Tanh()}),
    }

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1 = nn.Linear(3, 4)
            self.block = nn.Sequential(nn.ReLU(), nn.Linear(4, 4))
            self.register_buffer("mask", torch.ones(2))
            self.register_buffer("scratch", torch.zeros(1), persistent=False)
            self.out = nn.Linear(4, 1)

        def forward(self, x):
            return self.out(self.block(self.fc1(x)))

    torch.manual_seed(0)
    net = Net()
    return {"reprs": {k: repr(v) for k, v in layers.items()}, "parameter_repr": repr(lin.weight), "bias_repr": repr(lin.bias),
            "linear_state_dict_repr": repr(lin.state_dict()), "net_repr": repr(net),
            "net_named_parameters": [k for k, _ in net.named_parameters()], "net_named_buffers": [k for k, _ in net.named_buffers()],
            "net_named_modules": [k for k, _ in net.named_modules()], "net_state_dict_keys": list(net.state_dict().keys()),
            "net_children": [type(m).__name__ for m in net.children()],
            "load_ok": repr(net.load_state_dict(net.state_dict())),
            "load_nonstrict": repr(net.load_state_dict({"fc1.weight": net.fc1.weight.detach(), "extra": torch.ones(1)}, strict=False))}


def tiny_problem():
    w = torch.tensor([[0.5, -1.0, 0.25], [1.5, 0.3, -0.7]], requires_grad=True)
    b = torch.tensor([0.1, -0.2], requires_grad=True)
    x = torch.tensor([[1.0, 2.0, -1.0], [0.5, -0.3, 0.8], [-1.2, 0.4, 0.9]])
    return w, b, lambda: ((x @ w.t() + b).tanh() ** 2).sum() + (w ** 2).sum() * 0.1


OPTIMS = {
    "SGD": (torch.optim.SGD, {"lr": 0.1}),
    "SGD_momentum_nesterov_wd": (torch.optim.SGD, {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    "SGD_dampening_maximize": (torch.optim.SGD, {"lr": 0.05, "momentum": 0.5, "dampening": 0.3, "maximize": True}),
    "Adam": (torch.optim.Adam, {"lr": 0.1}),
    "Adam_amsgrad_wd": (torch.optim.Adam, {"lr": 0.05, "betas": (0.8, 0.99), "amsgrad": True, "weight_decay": 0.1}),
    "AdamW": (torch.optim.AdamW, {"lr": 0.1}),
    "RMSprop": (torch.optim.RMSprop, {"lr": 0.01}),
    "RMSprop_centered_momentum": (torch.optim.RMSprop, {"lr": 0.01, "centered": True, "momentum": 0.9, "weight_decay": 0.1}),
    "Adagrad": (torch.optim.Adagrad, {"lr": 0.1}),
    "Adagrad_decay": (torch.optim.Adagrad, {"lr": 0.1, "lr_decay": 0.1, "weight_decay": 0.05, "initial_accumulator_value": 0.2}),
}


def state_json(enc, sd):
    out = {}
    for i, s in sd["state"].items():
        out[str(i)] = {k: (enc(v) if isinstance(v, torch.Tensor) else v) for k, v in s.items()}
    return {"state": out, "param_groups": sd["param_groups"]}


def optim_section(enc):
    res = {}
    for name, (cls, kw) in OPTIMS.items():
        w, b, loss_fn = tiny_problem()
        opt = cls([w, b], **kw)
        losses = []
        for _ in range(3):
            opt.zero_grad()
            loss = loss_fn()
            loss.backward()
            losses.append(loss.item())
            opt.step()
        res[name] = {"kwargs": {k: list(v) if isinstance(v, tuple) else v for k, v in kw.items()}, "repr": repr(opt),
                     "keys": list(opt.param_groups[0].keys()), "losses": losses, "w": enc(w), "b": enc(b),
                     "state_dict": state_json(enc, opt.state_dict())}
    w, b, _ = tiny_problem()
    opt = torch.optim.SGD([{"params": [w]}, {"params": [b], "lr": 0.5}], lr=0.1, momentum=0.9)
    res["two_groups_repr"] = repr(opt)
    return res


def scheduler_section():
    res = {}
    makers = {
        "StepLR": lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5),
        "MultiStepLR": lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[2, 5, 5], gamma=0.1),
        "ExponentialLR": lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9),
        "CosineAnnealingLR": lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=4, eta_min=0.001),
        "LambdaLR": lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda e: 0.95 ** e),
    }
    for name, make in makers.items():
        w = torch.zeros(2, requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.1)
        sched = make(opt)
        lrs = [sched.get_last_lr()[0]]
        for _ in range(12):
            opt.step()
            sched.step()
            lrs.append(sched.get_last_lr()[0])
        res[name] = {"lrs": lrs, "opt_repr": repr(opt)}
    return res


def errors_section(err):
    w = torch.zeros(2, requires_grad=True)
    lin = nn.Linear(3, 4)

    class NoForward(nn.Module):
        pass

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            "sgd_lr": err(lambda: torch.optim.SGD([w], lr=-0.1)),
            "sgd_momentum": err(lambda: torch.optim.SGD([w], lr=0.1, momentum=-0.5)),
            "sgd_wd": err(lambda: torch.optim.SGD([w], lr=0.1, weight_decay=-1e-05)),
            "sgd_nesterov": err(lambda: torch.optim.SGD([w], lr=0.1, nesterov=True)),
            "adam_lr": err(lambda: torch.optim.Adam([w], lr=-1e-3)),
            "adam_eps": err(lambda: torch.optim.Adam([w], eps=-1.0)),
            "adam_beta0": err(lambda: torch.optim.Adam([w], betas=(1.0, 0.999))),
            "adam_beta1": err(lambda: torch.optim.Adam([w], betas=(0.9, 1.5))),
            "rmsprop_alpha": err(lambda: torch.optim.RMSprop([w], alpha=-0.5)),
            "adagrad_lr_decay": err(lambda: torch.optim.Adagrad([w], lr_decay=-0.5)),
            "empty_params": err(lambda: torch.optim.SGD([], lr=0.1)),
            "tensor_params": err(lambda: torch.optim.SGD(w, lr=0.1)),
            "duplicate_groups": err(lambda: torch.optim.SGD([{"params": [w]}, {"params": [w]}], lr=0.1)),
            "non_leaf": err(lambda: torch.optim.SGD([w * 2], lr=0.1)),
            "conv_channels": err(lambda: F.conv2d(torch.zeros(1, 4, 5, 5), torch.zeros(8, 3, 3, 3))),
            "conv_kernel_too_big": err(lambda: F.conv2d(torch.zeros(1, 3, 2, 2), torch.zeros(8, 3, 3, 3))),
            "conv_bias": err(lambda: F.conv2d(torch.zeros(1, 3, 5, 5), torch.zeros(8, 3, 3, 3), torch.zeros(7))),
            "conv_groups": err(lambda: F.conv2d(torch.zeros(1, 4, 5, 5), torch.zeros(3, 2, 3, 3), groups=2)),
            "conv_input_dim": err(lambda: F.conv2d(torch.zeros(2, 3), torch.zeros(8, 3, 3, 3))),
            "conv_transpose_channels": err(lambda: F.conv_transpose2d(torch.zeros(1, 3, 5, 5), torch.zeros(4, 2, 3, 3))),
            "linear_shapes": err(lambda: lin(torch.zeros(2, 5))),
            "ce_target_oob": err(lambda: F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 5]))),
            "nll_batch": err(lambda: F.nll_loss(torch.zeros(3, 4), torch.tensor([0, 1]))),
            "bce_range": err(lambda: F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0]))),
            "bce_size": err(lambda: F.binary_cross_entropy(torch.rand(3), torch.rand(2, 3))),
            "bce_logits_size": err(lambda: F.binary_cross_entropy_with_logits(torch.rand(3), torch.rand(2, 3))),
            "max_pool_pad": err(lambda: F.max_pool2d(torch.zeros(1, 1, 4, 4), 2, padding=2)),
            "bn_single": err(lambda: nn.BatchNorm1d(4)(torch.zeros(1, 4))),
            "bn2d_dim": err(lambda: nn.BatchNorm2d(4)(torch.zeros(2, 4))),
            "no_forward": err(lambda: NoForward()(torch.zeros(1))),
            "load_missing": err(lambda: lin.load_state_dict({"weight": torch.zeros(4, 3)})),
            "load_unexpected": err(lambda: lin.load_state_dict({"weight": torch.zeros(4, 3), "bias": torch.zeros(4), "extra": torch.zeros(1)})),
            "load_size": err(lambda: lin.load_state_dict({"weight": torch.zeros(5, 3), "bias": torch.zeros(4)})),
            "dropout_p": err(lambda: nn.Dropout(1.5)),
            "reduction": err(lambda: F.mse_loss(torch.zeros(2), torch.zeros(2), reduction="avg")),
            "layer_norm_shape": err(lambda: F.layer_norm(torch.zeros(2, 3), [4])),
            "embedding_oob": err(lambda: F.embedding(torch.tensor([5]), torch.zeros(3, 2))),
            "conv_groups_module": err(lambda: nn.Conv2d(3, 4, 3, groups=2)),
            "conv_padding_string": err(lambda: nn.Conv2d(3, 4, 3, padding="full")),
            "conv_same_stride": err(lambda: nn.Conv2d(3, 4, 3, padding="same", stride=2)),
        }
