/**
 * Tensor `repr`, ported from torch/_tensor_str.py (torch 1.13; the dense CPU path is unchanged in
 * 2.x): one `_Formatter` chooses int / fixed / scientific mode and a column width from the
 * elements that will be shown, then the body is laid out recursively and the suffixes
 * (`dtype=`, `size=`, `grad_fn=` / `requires_grad=True`) are appended with line wrapping.
 *
 * The input is a read-only view (`TensorPrintData`) so this module does not depend on Tensor.
 */
import { printOptions, type PrintOptions } from "./print_options.js";
import { formatExp, formatFixed, pyIntStr } from "./py_format.js";
import { formatShape } from "./shape_text.js";

export type PrintDType = "float16" | "float32" | "float64" | "int8" | "uint8" | "int16" | "int32" | "int64" | "bool";

/** What the printer needs from a tensor. */
export interface TensorPrintData {
  shape: readonly number[];
  dtype: PrintDType;
  /** Element at a row-major logical position (bool as 0/1; int64 beyond 2^53 as a bigint). Only displayed elements are read. */
  at(flatIndex: number): number | bigint;
  requires_grad: boolean;
  /** Class name of the grad_fn node, e.g. "MulBackward0", or null. */
  grad_fn_name: string | null;
  /** torch.get_default_dtype() at print time: the repr names a dtype only when it differs. */
  default_dtype: PrintDType;
}

function isFloating(dtype: PrintDType): boolean {
  return dtype === "float16" || dtype === "float32" || dtype === "float64";
}

/**
 * torch's `_Formatter`: decides the mode and `max_width` from the displayed values (float16 values
 * arrive widened, as torch converts half to float before formatting).
 */
class Formatter {
  readonly floating: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;

  constructor(
    values: readonly (number | bigint)[],
    private readonly dtype: PrintDType,
    private readonly precision: number,
    sciOverride: boolean | null,
  ) {
    this.floating = isFloating(dtype);
    if (!this.floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, this.intText(v).length);
    } else {
      const nonzeroFinite = (values as readonly number[]).filter((v) => Number.isFinite(v) && v !== 0);
      // No finite nonzero value: int mode, width 1, and the sci_mode option is not consulted
      // (the early `return` in torch/_tensor_str.py).
      if (nonzeroFinite.length === 0) return;
      let absMin = Infinity;
      let absMax = 0;
      for (const v of nonzeroFinite) {
        const a = Math.abs(v);
        if (a < absMin) absMin = a;
        if (a > absMax) absMax = a;
      }
      this.intMode = nonzeroFinite.every((v) => v === Math.ceil(v));
      const wide = absMax / absMin > 1000.0 || absMax > 1.0e8;
      if (this.intMode ? wide : wide || absMin < 1.0e-4) {
        this.sciMode = true;
        for (const v of nonzeroFinite) this.widen(formatExp(v, precision).length);
      } else if (this.intMode) {
        // +1 for the '.' appended to show the tensor is floating point.
        for (const v of nonzeroFinite) this.widen(formatFixed(v, 0).length + 1);
      } else {
        for (const v of nonzeroFinite) this.widen(formatFixed(v, precision).length);
      }
    }
    // NOTE: a forced sci_mode replaces the mode but keeps the width computed for the other mode,
    // so forced modes can produce ragged or over-padded columns, exactly as torch does.
    if (sciOverride !== null) this.sciMode = sciOverride;
  }

  private widen(len: number): void {
    if (len > this.maxWidth) this.maxWidth = len;
  }

  private intText(v: number | bigint): string {
    if (this.dtype === "bool") return v ? "True" : "False";
    return pyIntStr(v);
  }

  format(v: number | bigint): string {
    let text: string;
    // Only integer dtypes hold bigints (int64 beyond 2^53, printed from the exact value).
    if (!this.floating || typeof v === "bigint") text = this.intText(v);
    else if (this.sciMode) text = formatExp(v, this.precision);
    else if (this.intMode) text = formatFixed(v, 0) + (Number.isFinite(v) ? "." : "");
    else text = formatFixed(v, this.precision);
    return text.padStart(this.maxWidth);
  }
}

/**
 * The indices shown along one dimension: `head`, then (when summarized) a `...` marker and `tail`.
 * `tail === null` means the dimension is shown in full.
 */
interface DimPlan {
  head: number[];
  tail: number[] | null;
}

function range(start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(i);
  return out;
}

function planDim(size: number, summarize: boolean, edgeitems: number, last: boolean): DimPlan {
  if (!summarize || size <= 2 * edgeitems) return { head: range(0, size), tail: null };
  // NOTE: with edgeitems 0 the last dimension keeps everything after the marker, because Python's
  // `t[-0:]` is the whole tensor (torch/_tensor_str.py `_vector_str`, `get_summarized_data`);
  // torch itself raises for higher dimensions there, we print just the marker instead.
  const tailStart = edgeitems === 0 && last ? 0 : size - edgeitems;
  return { head: range(0, edgeitems), tail: range(tailStart, size) };
}

interface Layout {
  plans: DimPlan[];
  values: (number | bigint)[]; // displayed elements, row-major over the plans
  cursor: number;
  fmt: Formatter | null;
  linewidth: number;
}

/** Reads each displayed element once, in the order the layout will print them. */
function gatherDisplayed(t: TensorPrintData, plans: readonly DimPlan[]): (number | bigint)[] {
  const ndim = t.shape.length;
  const strides: number[] = new Array<number>(ndim).fill(1);
  for (let d = ndim - 2; d >= 0; d--) strides[d] = strides[d + 1]! * t.shape[d + 1]!;
  const values: (number | bigint)[] = [];
  const visit = (d: number, base: number): void => {
    if (d === ndim) {
      values.push(t.at(base));
      return;
    }
    const plan = plans[d]!;
    for (const i of plan.head) visit(d + 1, base + i * strides[d]!);
    for (const i of plan.tail ?? []) visit(d + 1, base + i * strides[d]!);
  };
  visit(0, 0);
  return values;
}

function nextFormatted(lay: Layout): string {
  return lay.fmt!.format(lay.values[lay.cursor++]!);
}

/** `_vector_str`: items wrapped so that each line holds a whole number of fixed-width items. */
function vectorStr(lay: Layout, plan: DimPlan, indent: number): string {
  const elementLength = lay.fmt!.maxWidth + 2; // ", " between items
  const perLine = Math.max(1, Math.floor((lay.linewidth - indent) / elementLength));
  const items = plan.head.map(() => nextFormatted(lay));
  if (plan.tail !== null) {
    items.push(" ..."); // counts as an item when wrapping, as in torch
    for (let i = 0; i < plan.tail.length; i++) items.push(nextFormatted(lay));
  }
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
  return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
}

/** `_tensor_str_with_formatter` for dimension `d` onwards. */
function bodyStr(lay: Layout, d: number, indent: number): string {
  const ndim = lay.plans.length;
  if (ndim === 0) return nextFormatted(lay);
  const plan = lay.plans[d]!;
  if (d === ndim - 1) return vectorStr(lay, plan, indent);
  const slices = plan.head.map(() => bodyStr(lay, d + 1, indent + 1));
  if (plan.tail !== null) {
    slices.push("...");
    for (let i = 0; i < plan.tail.length; i++) slices.push(bodyStr(lay, d + 1, indent + 1));
  }
  // A dim-k sub-tensor separates its slices with k-1 newlines (blank lines from 3-D up).
  return "[" + slices.join("," + "\n".repeat(ndim - d - 1) + " ".repeat(indent + 1)) + "]";
}

/** `_tensor_str`: the bracketed body of a non-empty tensor. */
function tensorBody(t: TensorPrintData, numel: number, indent: number, opts: PrintOptions): string {
  const summarize = numel > opts.threshold;
  const ndim = t.shape.length;
  const plans = t.shape.map((size, d) => planDim(size, summarize, opts.edgeitems, d === ndim - 1));
  const lay: Layout = { plans, values: gatherDisplayed(t, plans), cursor: 0, fmt: null, linewidth: opts.linewidth };
  lay.fmt = new Formatter(lay.values, t.dtype, opts.precision, opts.sci_mode);
  return bodyStr(lay, 0, indent);
}

/**
 * `_add_suffixes`: each suffix goes on the current line if it fits within `linewidth`, else on a
 * new line indented to the opening parenthesis.
 */
function addSuffixes(text: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  // NOTE: this counts 2 more than the visible last line, and the wrapped branch below does not,
  // an asymmetry copied from torch/_tensor_str.py (rfind returns -1 when there is no newline).
  let lastLineLen = text.length - text.lastIndexOf("\n") + 1;
  let out = text;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > linewidth) {
      out += ",\n" + " ".repeat(indent) + suffix;
      lastLineLen = indent + suffix.length;
    } else {
      out += ", " + suffix;
      lastLineLen += suffix.length + 2;
    }
  }
  return out + ")";
}

/**
 * PyTorch's `repr(tensor)` for a dense CPU tensor, character for character.
 * @example
 * tensorRepr({ shape: [4], dtype: "float32", at: (i) => 4 * i, requires_grad: false, grad_fn_name: null })
 * // "tensor([ 0.,  4.,  8., 12.])"
 */
export function tensorRepr(t: TensorPrintData, opts: PrintOptions = printOptions): string {
  const prefix = "tensor(";
  const indent = prefix.length;
  const suffixes: string[] = [];
  const numel = t.shape.reduce((a, b) => a * b, 1);
  const defaultDtype = t.default_dtype;
  let body: string;
  if (numel === 0) {
    // Shape is shown unless it is (0,), to match NumPy; the dtype is shown for anything but the
    // default float dtype, int64 and bool included, since no element hints at it.
    if (t.shape.length !== 1) suffixes.push("size=" + formatShape(t.shape, "tuple"));
    if (t.dtype !== defaultDtype) suffixes.push("dtype=torch." + t.dtype);
    body = "[]";
  } else {
    // int64 and bool are recognizable from their elements, so they count as default dtypes here.
    if (t.dtype !== defaultDtype && t.dtype !== "int64" && t.dtype !== "bool") {
      suffixes.push("dtype=torch." + t.dtype);
    }
    body = tensorBody(t, numel, indent, opts);
  }
  if (t.grad_fn_name !== null) suffixes.push(`grad_fn=<${t.grad_fn_name}>`);
  else if (t.requires_grad) suffixes.push("requires_grad=True");
  return addSuffixes(prefix + body, suffixes, indent, opts.linewidth);
}

/**
 * PyTorch's `repr(nn.Parameter)`.
 * @example parameterRepr(p) // "Parameter containing:\ntensor([1., 2.], requires_grad=True)"
 */
export function parameterRepr(t: TensorPrintData, opts: PrintOptions = printOptions): string {
  return "Parameter containing:\n" + tensorRepr(t, opts);
}
