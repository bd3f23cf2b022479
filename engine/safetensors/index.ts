/**
 * Hugging Face's safetensors, the torch half: `safetensors.torch.load_file` / `save_file`.
 * @example import { safetensors } from "gradlab"; model.load_state_dict(safetensors.torch.load_file("model.safetensors"))
 */
export * as torch from "./torch.js";
