/**
 * torchvision.models.resnet (torchvision 0.14's resnet.py): ResNet with BasicBlock/Bottleneck,
 * resnet18/34/50. Modules are built in torchvision's order (a stage's downsample before its
 * first block), then convolutions are re-initialised with kaiming_normal_(fan_out, relu) and
 * batch norms with weight 1 / bias 0 in `modules()` order, so after `torch.manual_seed(s)` the
 * parameters are torchvision's, bit for bit, under the same state_dict names.
 */
import { NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "../nn/module.js";
import { Sequential } from "../nn/container.js";
import { Conv2d } from "../nn/conv.js";
import { BatchNorm2d } from "../nn/batchnorm.js";
import { ReLU } from "../nn/activation.js";
import { MaxPool2d, AdaptiveAvgPool2d } from "../nn/pooling.js";
import { Linear } from "../nn/linear.js";
import * as init from "../nn/init.js";

const conv3x3 = (inp: number, out: number, stride = 1, groups = 1, dilation = 1) =>
  new Conv2d(inp, out, 3, { stride, padding: dilation, groups, bias: false, dilation });
const conv1x1 = (inp: number, out: number, stride = 1) => new Conv2d(inp, out, 1, { stride, bias: false });

interface BlockArgs {
  stride?: number;
  downsample?: Module | null;
  groups?: number;
  base_width?: number;
  dilation?: number;
}
type BlockClass = (new (inplanes: number, planes: number, a?: BlockArgs) => Module) & { expansion: number };

/** Two 3x3 convolutions with a residual connection (resnet18/34). */
export class BasicBlock extends Module {
  static expansion = 1;
  declare conv1: Conv2d;
  declare bn1: BatchNorm2d;
  declare relu: ReLU;
  declare conv2: Conv2d;
  declare bn2: BatchNorm2d;
  declare downsample: Module | null;
  declare stride: number;
  constructor(inplanes: number, planes: number, a: BlockArgs = {}) {
    super();
    if ((a.groups ?? 1) !== 1 || (a.base_width ?? 64) !== 64)
      throw new ValueError("BasicBlock only supports groups=1 and base_width=64");
    if ((a.dilation ?? 1) > 1) throw new NotImplementedError("Dilation > 1 not supported in BasicBlock");
    const stride = a.stride ?? 1;
    this.conv1 = conv3x3(inplanes, planes, stride);
    this.bn1 = new BatchNorm2d(planes);
    this.relu = new ReLU(true);
    this.conv2 = conv3x3(planes, planes);
    this.bn2 = new BatchNorm2d(planes);
    this.downsample = a.downsample ?? null;
    this.stride = stride;
  }
  override forward(x: Tensor): Tensor {
    let out = this.relu(this.bn1(this.conv1(x)));
    out = this.bn2(this.conv2(out));
    const identity = this.downsample ? (this.downsample(x) as Tensor) : x;
    out.add_(identity); // torchvision's `out += identity`
    return this.relu(out);
  }
}

/** 1x1, 3x3, 1x1 convolutions with 4x expansion (resnet50 and up). */
export class Bottleneck extends Module {
  static expansion = 4;
  declare conv1: Conv2d;
  declare bn1: BatchNorm2d;
  declare conv2: Conv2d;
  declare bn2: BatchNorm2d;
  declare conv3: Conv2d;
  declare bn3: BatchNorm2d;
  declare relu: ReLU;
  declare downsample: Module | null;
  declare stride: number;
  constructor(inplanes: number, planes: number, a: BlockArgs = {}) {
    super();
    const groups = a.groups ?? 1,
      stride = a.stride ?? 1;
    const width = Math.trunc(planes * ((a.base_width ?? 64) / 64.0)) * groups;
    this.conv1 = conv1x1(inplanes, width);
    this.bn1 = new BatchNorm2d(width);
    this.conv2 = conv3x3(width, width, stride, groups, a.dilation ?? 1);
    this.bn2 = new BatchNorm2d(width);
    this.conv3 = conv1x1(width, planes * Bottleneck.expansion);
    this.bn3 = new BatchNorm2d(planes * Bottleneck.expansion);
    this.relu = new ReLU(true);
    this.downsample = a.downsample ?? null;
    this.stride = stride;
  }
  override forward(x: Tensor): Tensor {
    let out = this.relu(this.bn1(this.conv1(x)));
    out = this.relu(this.bn2(this.conv2(out)));
    out = this.bn3(this.conv3(out));
    const identity = this.downsample ? (this.downsample(x) as Tensor) : x;
    out.add_(identity);
    return this.relu(out);
  }
}

export interface ResNetOptions {
  num_classes?: number;
  zero_init_residual?: boolean;
  groups?: number;
  width_per_group?: number;
  replace_stride_with_dilation?: [boolean, boolean, boolean];
}

export class ResNet extends Module {
  declare conv1: Conv2d;
  declare bn1: BatchNorm2d;
  declare relu: ReLU;
  declare maxpool: MaxPool2d;
  declare layer1: Sequential;
  declare layer2: Sequential;
  declare layer3: Sequential;
  declare layer4: Sequential;
  declare avgpool: AdaptiveAvgPool2d;
  /** The classifier; replace it to fine-tune (`model.fc = new nn.Linear(512, 10)`). */
  declare fc: Module;
  declare inplanes: number;
  declare dilation: number;
  declare groups: number;
  declare base_width: number;

  constructor(block: BlockClass, layers: [number, number, number, number], o: ResNetOptions = {}) {
    super();
    const dil = o.replace_stride_with_dilation ?? [false, false, false];
    if (dil.length !== 3)
      throw new ValueError(`replace_stride_with_dilation should be None or a 3-element tuple, got ${dil}`);
    this.inplanes = 64;
    this.dilation = 1;
    this.groups = o.groups ?? 1;
    this.base_width = o.width_per_group ?? 64;
    this.conv1 = new Conv2d(3, this.inplanes, 7, { stride: 2, padding: 3, bias: false });
    this.bn1 = new BatchNorm2d(this.inplanes);
    this.relu = new ReLU(true);
    this.maxpool = new MaxPool2d(3, { stride: 2, padding: 1 });
    this.layer1 = this.makeLayer(block, 64, layers[0]);
    this.layer2 = this.makeLayer(block, 128, layers[1], 2, dil[0]);
    this.layer3 = this.makeLayer(block, 256, layers[2], 2, dil[1]);
    this.layer4 = this.makeLayer(block, 512, layers[3], 2, dil[2]);
    this.avgpool = new AdaptiveAvgPool2d([1, 1]);
    this.fc = new Linear(512 * block.expansion, o.num_classes ?? 1000);
    for (const m of this.modules()) {
      if (m instanceof Conv2d) init.kaiming_normal_(m.weight, { mode: "fan_out", nonlinearity: "relu" });
      else if (m instanceof BatchNorm2d) {
        init.constant_(m.weight!, 1);
        init.constant_(m.bias!, 0);
      }
    }
    if (o.zero_init_residual)
      for (const m of this.modules()) {
        if (m instanceof Bottleneck && m.bn3.weight) init.constant_(m.bn3.weight, 0);
        else if (m instanceof BasicBlock && m.bn2.weight) init.constant_(m.bn2.weight, 0);
      }
  }

  private makeLayer(block: BlockClass, planes: number, blocks: number, stride = 1, dilate = false): Sequential {
    let downsample: Module | null = null;
    const previousDilation = this.dilation;
    if (dilate) {
      this.dilation *= stride;
      stride = 1;
    }
    // NOTE: torchvision builds the downsample before the first block: that is the RNG order.
    if (stride !== 1 || this.inplanes !== planes * block.expansion)
      downsample = new Sequential(
        conv1x1(this.inplanes, planes * block.expansion, stride),
        new BatchNorm2d(planes * block.expansion),
      );
    const layers: Module[] = [
      new block(this.inplanes, planes, {
        stride,
        downsample,
        groups: this.groups,
        base_width: this.base_width,
        dilation: previousDilation,
      }),
    ];
    this.inplanes = planes * block.expansion;
    for (let i = 1; i < blocks; i++)
      layers.push(
        new block(this.inplanes, planes, { groups: this.groups, base_width: this.base_width, dilation: this.dilation }),
      );
    return new Sequential(...layers);
  }

  override forward(x: Tensor): Tensor {
    x = this.maxpool(this.relu(this.bn1(this.conv1(x)))) as Tensor;
    x = this.layer4(this.layer3(this.layer2(this.layer1(x))));
    x = this.avgpool(x).flatten(1);
    return this.fc(x) as Tensor;
  }
}

export interface ModelOptions extends ResNetOptions {
  /** Not available here: gradlab cannot download weights. */
  weights?: unknown;
  /** Deprecated torchvision flag; not available here either. */
  pretrained?: boolean;
  progress?: boolean;
}

function build(name: string, block: BlockClass, layers: [number, number, number, number], o: ModelOptions): ResNet {
  if (o.pretrained || (o.weights !== undefined && o.weights !== null))
    throw new RuntimeError(
      `${name}: pretrained weights cannot be downloaded in gradlab (there is no access to download.pytorch.org from here). ` +
        `Build the model without weights and load a state dict from a file you have, e.g. a .safetensors file: ` +
        `const model = torchvision.models.${name}(); model.load_state_dict(safetensors.torch.load_file("${name}.safetensors")). ` +
        `To make that file from torchvision's weights where PyTorch can download them: ` +
        `safetensors.torch.save_file(torchvision.models.${name}(weights="DEFAULT").state_dict(), "${name}.safetensors").`,
    );
  return new ResNet(block, layers, o);
}

/**
 * torchvision.models.resnet18({num_classes}): 11,689,512 parameters for 1000 classes.
 * @example torch.manual_seed(0); const model = torchvision.models.resnet18(); model(torch.rand(1, 3, 64, 64))
 */
export function resnet18(o: ModelOptions = {}): ResNet {
  return build("resnet18", BasicBlock, [2, 2, 2, 2], o);
}
/** torchvision.models.resnet34({num_classes}) */
export function resnet34(o: ModelOptions = {}): ResNet {
  return build("resnet34", BasicBlock, [3, 4, 6, 3], o);
}
/** torchvision.models.resnet50({num_classes}) */
export function resnet50(o: ModelOptions = {}): ResNet {
  return build("resnet50", Bottleneck, [3, 4, 6, 3], o);
}
