"""Functional cases for generate_nn_goldens.py: one entry per call of torch.nn.functional.

Each case: name -> (function, inputs, kwargs). Inputs are (shape, kind) specs drawn from a
fixed generator, or literal tensors; the TypeScript test (nn_functional.test.ts) has a table with
the same names that calls gradlab's F with the same arguments.
"""
import torch
import torch.nn.functional as F

# kinds: "x" uniform(-1, 1) requiring grad, "c" constant uniform(-1, 1), "p" probability in
# (0.05, 0.95) requiring grad, "pc" constant probability, "pos" (0.5, 1.5) constant,
# ("long", high) int64 in [0, high), ("lit", values, dtype) a literal constant.

def X(*shape):
    return (list(shape), "x")


def C(*shape):
    return (list(shape), "c")


def P(*shape):
    return (list(shape), "p")


def PC(*shape):
    return (list(shape), "pc")


def POS(*shape):
    return (list(shape), "pos")


def LONG(high, *shape):
    return (list(shape), ("long", high))


def LIT(values, dtype="int64"):
    return (None, ("lit", values, dtype))


CASES = {
    # convolutions
    "conv2d_basic": (F.conv2d, [X(2, 3, 5, 5), X(4, 3, 3, 3), X(4)], {}),
    "conv2d_stride_pad": (F.conv2d, [X(2, 3, 6, 6), X(4, 3, 3, 3), X(4)], {"stride": 2, "padding": 1}),
    "conv2d_dilation": (F.conv2d, [X(1, 2, 7, 7), X(3, 2, 3, 3), X(3)], {"dilation": 2, "padding": 2}),
    "conv2d_groups": (F.conv2d, [X(1, 4, 5, 5), X(6, 2, 3, 3)], {"groups": 2}),
    "conv2d_same_even": (F.conv2d, [X(1, 2, 6, 6), X(3, 2, 4, 4), X(3)], {"padding": "same"}),
    "conv2d_rect": (F.conv2d, [X(2, 2, 5, 6), X(3, 2, 2, 3), X(3)], {"stride": (2, 1), "padding": (1, 0)}),
    "conv2d_const_input": (F.conv2d, [C(1, 3, 4, 4), X(2, 3, 3, 3)], {}),
    "conv1d": (F.conv1d, [X(2, 3, 7), X(4, 3, 3), X(4)], {"stride": 2, "padding": 1}),
    "conv1d_groups_dil": (F.conv1d, [X(1, 4, 9), X(4, 2, 3)], {"groups": 2, "dilation": 2}),
    "conv_transpose2d": (F.conv_transpose2d, [X(1, 4, 3, 3), X(4, 2, 3, 3), X(2)], {"stride": 2, "padding": 1, "output_padding": 1}),
    "conv_transpose2d_groups": (F.conv_transpose2d, [X(2, 4, 3, 3), X(4, 3, 2, 2)], {"stride": 2, "groups": 2}),
    "conv_transpose1d": (F.conv_transpose1d, [X(1, 3, 4), X(3, 2, 3), X(2)], {"stride": 2}),
    "unfold": (F.unfold, [X(1, 2, 4, 5)], {"kernel_size": 2, "stride": 1, "padding": 1}),
    "fold": (F.fold, [X(1, 8, 6)], {"output_size": (3, 4), "kernel_size": 2}),
    # pooling
    "max_pool2d_basic": (F.max_pool2d, [X(2, 3, 6, 6)], {"kernel_size": 2}),
    "max_pool2d_pad": (F.max_pool2d, [X(1, 2, 7, 7)], {"kernel_size": 3, "stride": 2, "padding": 1}),
    "max_pool2d_ceil": (F.max_pool2d, [X(1, 2, 5, 5)], {"kernel_size": 2, "ceil_mode": True}),
    "max_pool2d_dilation": (F.max_pool2d, [X(1, 1, 7, 7)], {"kernel_size": 2, "dilation": 2}),
    "max_pool2d_indices": (F.max_pool2d, [X(1, 2, 4, 4)], {"kernel_size": 2, "return_indices": True}),
    "avg_pool2d_basic": (F.avg_pool2d, [X(2, 3, 6, 6)], {"kernel_size": 2}),
    "avg_pool2d_pad": (F.avg_pool2d, [X(1, 2, 7, 7)], {"kernel_size": 3, "stride": 2, "padding": 1}),
    "avg_pool2d_nopad": (F.avg_pool2d, [X(1, 2, 7, 7)], {"kernel_size": 3, "stride": 2, "padding": 1, "count_include_pad": False}),
    "avg_pool2d_ceil": (F.avg_pool2d, [X(1, 2, 5, 5)], {"kernel_size": 2, "ceil_mode": True}),
    "avg_pool2d_divisor": (F.avg_pool2d, [X(1, 2, 4, 4)], {"kernel_size": 2, "divisor_override": 3}),
    "adaptive_avg_pool2d_1": (F.adaptive_avg_pool2d, [X(2, 3, 4, 4)], {"output_size": 1}),
    "adaptive_avg_pool2d_23": (F.adaptive_avg_pool2d, [X(1, 2, 5, 7)], {"output_size": (2, 3)}),
    # normalization
    "batch_norm_train": (F.batch_norm, [X(4, 3, 2, 2), C(3), POS(3), X(3), X(3)], {"training": True, "momentum": 0.1, "eps": 1e-5}),
    "batch_norm_eval": (F.batch_norm, [X(4, 3, 2, 2), C(3), POS(3), X(3), X(3)], {"training": False}),
    "batch_norm_1d": (F.batch_norm, [X(5, 3), C(3), POS(3), X(3), X(3)], {"training": True, "momentum": 0.3}),
    "layer_norm": (F.layer_norm, [X(2, 3, 4), X(4), X(4)], {"normalized_shape": [4]}),
    "layer_norm_2d_noaffine": (F.layer_norm, [X(2, 3, 4)], {"normalized_shape": [3, 4]}),
    # linear & co
    "linear_2d": (F.linear, [X(3, 4), X(5, 4), X(5)], {}),
    "linear_1d": (F.linear, [X(4), X(5, 4), X(5)], {}),
    "linear_3d": (F.linear, [X(2, 3, 4), X(5, 4), X(5)], {}),
    "linear_nobias": (F.linear, [X(3, 4), X(5, 4)], {}),
    "linear_const_input": (F.linear, [C(3, 4), X(5, 4), X(5)], {}),
    "bilinear": (F.bilinear, [X(3, 2), X(3, 4), X(5, 2, 4), X(5)], {}),
    "embedding": (F.embedding, [LIT([[1, 2, 4], [4, 3, 0]]), X(6, 3)], {}),
    "embedding_padding": (F.embedding, [LIT([[1, 2, 4], [4, 3, 0]]), X(6, 3)], {"padding_idx": 4}),
    # losses
    "mse_mean": (F.mse_loss, [X(3, 4), X(3, 4)], {}),
    "mse_sum": (F.mse_loss, [X(3, 4), X(3, 4)], {"reduction": "sum"}),
    "mse_none": (F.mse_loss, [X(3, 4), C(3, 4)], {"reduction": "none"}),
    "l1_mean": (F.l1_loss, [X(3, 4), X(3, 4)], {}),
    "l1_none": (F.l1_loss, [X(3, 4), C(3, 4)], {"reduction": "none"}),
    "smooth_l1_mean": (F.smooth_l1_loss, [X(3, 4), X(3, 4)], {}),
    "smooth_l1_beta": (F.smooth_l1_loss, [X(3, 4), C(3, 4)], {"beta": 0.5, "reduction": "sum"}),
    "nll_mean": (F.nll_loss, [X(4, 5), LONG(5, 4)], {}),
    "nll_sum_weight": (F.nll_loss, [X(4, 5), LONG(5, 4), POS(5)], {"reduction": "sum"}),
    "nll_ignore": (F.nll_loss, [X(4, 5), LIT([1, -100, 3, 0])], {}),
    "nll_none": (F.nll_loss, [X(4, 5), LONG(5, 4)], {"reduction": "none"}),
    "nll_4d": (F.nll_loss, [X(2, 3, 2, 2), LONG(3, 2, 2, 2)], {}),
    "nll_1d": (F.nll_loss, [X(5), LIT(2)], {}),
    "cross_entropy": (F.cross_entropy, [X(4, 5), LONG(5, 4)], {}),
    "cross_entropy_weight_ignore": (F.cross_entropy, [X(4, 5), LIT([1, 2, 3, 2]), POS(5)], {"ignore_index": 2}),
    "cross_entropy_smoothing": (F.cross_entropy, [X(4, 5), LONG(5, 4)], {"label_smoothing": 0.1}),
    "cross_entropy_smoothing_weight": (F.cross_entropy, [X(4, 5), LIT([1, 2, 3, 2]), POS(5)], {"label_smoothing": 0.2, "ignore_index": 3}),
    "cross_entropy_smoothing_sum": (F.cross_entropy, [X(4, 5), LONG(5, 4)], {"label_smoothing": 0.1, "reduction": "sum"}),
    "cross_entropy_none": (F.cross_entropy, [X(4, 5), LONG(5, 4)], {"reduction": "none"}),
    "cross_entropy_probs": (F.cross_entropy, [X(4, 5), PC(4, 5)], {}),
    "cross_entropy_probs_smoothing": (F.cross_entropy, [X(4, 5), PC(4, 5), POS(5)], {"label_smoothing": 0.1}),
    "cross_entropy_4d": (F.cross_entropy, [X(2, 3, 2, 2), LONG(3, 2, 2, 2)], {}),
    "bce_mean": (F.binary_cross_entropy, [P(3, 4), P(3, 4)], {}),
    "bce_weight_sum": (F.binary_cross_entropy, [P(3, 4), PC(3, 4), POS(4)], {"reduction": "sum"}),
    "bce_none": (F.binary_cross_entropy, [P(3, 4), PC(3, 4)], {"reduction": "none"}),
    "bce_logits_mean": (F.binary_cross_entropy_with_logits, [X(3, 4), P(3, 4)], {}),
    "bce_logits_pos_weight": (F.binary_cross_entropy_with_logits, [X(3, 4), P(3, 4), POS(3, 4), POS(4)], {"reduction": "sum"}),
    # activations
    "leaky_relu": (F.leaky_relu, [X(3, 4)], {"negative_slope": 0.2}),
    "gelu": (F.gelu, [X(3, 4)], {}),
    "gelu_tanh": (F.gelu, [X(3, 4)], {"approximate": "tanh"}),
}

# Argument names of the optional tensor inputs, in the order the spec lists them after the first ones.
TENSOR_KWARGS = {
    "batch_norm_train": ["input", "running_mean", "running_var", "weight", "bias"],
    "batch_norm_eval": ["input", "running_mean", "running_var", "weight", "bias"],
    "batch_norm_1d": ["input", "running_mean", "running_var", "weight", "bias"],
    "layer_norm": ["input", "weight", "bias"],
    "nll_sum_weight": ["input", "target", "weight"],
    "cross_entropy_weight_ignore": ["input", "target", "weight"],
    "cross_entropy_smoothing_weight": ["input", "target", "weight"],
    "cross_entropy_probs_smoothing": ["input", "target", "weight"],
    "bce_weight_sum": ["input", "target", "weight"],
    "bce_logits_pos_weight": ["input", "target", "weight", "pos_weight"],
}
