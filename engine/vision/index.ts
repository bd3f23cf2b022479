/**
 * A small torchvision: `torchvision.models.resnet18()` (also `models.resnet18`).
 * @example import { torchvision } from "gradlab"; const model = torchvision.models.resnet18({num_classes: 10})
 */
import { ResNet, BasicBlock, Bottleneck, resnet18, resnet34, resnet50 } from "./resnet.js";

export const models = { ResNet, BasicBlock, Bottleneck, resnet18, resnet34, resnet50 };
export const torchvision = { models };
export { ResNet, BasicBlock, Bottleneck, resnet18, resnet34, resnet50 };
