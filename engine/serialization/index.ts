/** torch.save / torch.load in PyTorch's zip format, and the pieces they are made of. */
export {
  save,
  load,
  saveToBytes,
  PickledObject,
  UnpicklingError,
  PicklingError,
  type SaveOptions,
  type LoadOptions,
} from "./torch_save.js";
