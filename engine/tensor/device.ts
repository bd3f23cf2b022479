/**
 * torch.device and the device checks of factories and `.to()`. gradlab computes on the CPU:
 * `torch.device("cuda")` can be made (as in a CPU-only PyTorch), but putting a tensor there fails
 * with PyTorch's own error, so `device = torch.cuda.is_available() ? "cuda" : "cpu"` picks "cpu".
 */
import { AssertionError, RuntimeError } from "../errors.js";
import { CPU, Device } from "./tensor.js";

export { Device, CPU };

/** What a `device` argument may be: "cpu", "cuda:0", a torch.device, or an index-less `{type}`. */
export type DeviceLike = string | Device | { type: string; index?: number | null };

const DEVICE_TYPES = [
  "cpu",
  "cuda",
  "ipu",
  "xpu",
  "mkldnn",
  "opengl",
  "opencl",
  "ideep",
  "hip",
  "ve",
  "fpga",
  "ort",
  "xla",
  "lazy",
  "vulkan",
  "mps",
  "meta",
  "hpu",
  "privateuseone",
];

/** Parse a device string as c10::Device does (`cpu`, `cuda:1`). */
export function parseDevice(arg: DeviceLike, index: number | null = null): Device {
  if (arg instanceof Device) return index === null ? arg : new Device(arg.type, index);
  if (typeof arg === "object" && arg !== null) return new Device(arg.type, arg.index ?? index);
  if (typeof arg !== "string")
    throw new RuntimeError(`Expected a device string or torch.device, but got ${typeof arg}`);
  const m = /^([a-z]+)(?::(.*))?$/.exec(arg);
  const type = m?.[1] ?? "";
  if (!DEVICE_TYPES.includes(type))
    throw new RuntimeError(`Expected one of ${DEVICE_TYPES.join(", ")} device type at start of device string: ${arg}`);
  if (m![2] !== undefined) {
    if (!/^(0|[1-9][0-9]*)$/.test(m![2])) throw new RuntimeError(`Invalid device string: '${arg}'`);
    if (index !== null)
      throw new RuntimeError(`type (string) must not include an index because index was passed explicitly: ${arg}`);
    return new Device(type, Number(m![2]));
  }
  return type === "cpu" && index === null ? CPU : new Device(type, index);
}

/** `torch.device("cpu")`, `torch.device("cuda", 0)`; works with or without `new`. */
export interface DeviceFactory {
  (type: DeviceLike, index?: number | null): Device;
  new (type: DeviceLike, index?: number | null): Device;
  readonly prototype: Device;
}
export const device = function device(type: DeviceLike, index: number | null = null): Device {
  return parseDevice(type, index);
} as unknown as DeviceFactory;
(device as unknown as { prototype: Device }).prototype = Device.prototype; // x.device instanceof torch.device

/** The error a CPU-only PyTorch gives when a tensor is put on a CUDA device. */
export function noCuda(): never {
  throw new AssertionError("Torch not compiled with CUDA enabled");
}

/** A tensor may live on `dev`: only the CPU; CUDA fails as in a CPU-only PyTorch. */
export function checkDevice(dev: DeviceLike | null | undefined): void {
  if (dev === undefined || dev === null) return;
  const d = parseDevice(dev);
  if (d.type === "cpu") return;
  if (d.type === "cuda") noCuda();
  throw new RuntimeError(`gradlab runs on the CPU only; device '${d}' is not available. Use device: "cpu".`);
}
