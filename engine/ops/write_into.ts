/** The write of every in-place op: `src` broadcast and cast into `dst`'s (possibly strided) storage. */
import type { Tensor } from "../tensor/tensor.js";
import { backend } from "../backend/index.js";
import { sv, svBroadcast } from "../tensor/strided_view.js";

/** Copy src's values into dst's storage (broadcast, cast) and bump dst's version. */
export function writeInto(dst: Tensor, src: Tensor): void {
  backend().copy(svBroadcast(src, dst._shape), sv(dst));
  dst._versionCounter.value++;
}
