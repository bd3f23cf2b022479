/**
 * A shape as text, in the form each message writes it. PyTorch's messages differ by where they
 * come from (C++'s IntArrayRef, Python's repr of torch.Size, ATen's pooling checks) and numpy's
 * and matplotlib's differ again, so a message names its form here instead of joining numbers:
 *
 *   formatShape([2, 3])            "[2, 3]"              c10's IntArrayRef: `shape '[2, 3]' is invalid for input of size 5`
 *   formatShape([2, 3], "Size")    "torch.Size([2, 3])"  repr(torch.Size): x.shape, the Python-side messages (losses, autograd)
 *   formatShape([3, 4, 4], "x")    "3x4x4"               ATen's pooling: `Given input size: (3x4x4)`
 *   formatShape([2], "tuple")      "(2,)"                Python's tuple: numpy's array repr, matplotlib's messages
 *   formatShape([2], "numpy")      "(2,)"                numpy's C messages, without spaces: `shapes (2,3) (4,)`
 *   formatShape([2], "parens")     "(2)"                 torchviz's size_to_str: ', '.join in parentheses
 */
export type ShapeStyle = "list" | "Size" | "x" | "tuple" | "numpy" | "parens";

/** `shape`'s dims as `style` writes them (a "*" may stand for any leading dims: `[*, 3]`). */
export function formatShape(shape: readonly (number | string)[], style: ShapeStyle = "list"): string {
  switch (style) {
    case "list":
      return `[${shape.join(", ")}]`;
    case "Size":
      return `torch.Size([${shape.join(", ")}])`;
    case "x":
      return shape.join("x");
    case "tuple":
      return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
    case "numpy":
      return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`;
    case "parens":
      return `(${shape.join(", ")})`;
  }
}
