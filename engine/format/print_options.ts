/**
 * torch.set_printoptions and the live options every tensor repr reads
 * (the `PRINT_OPTS` of torch/_tensor_str.py).
 */

export interface PrintOptions {
  /** Digits after the decimal point in fixed and scientific mode (default 4). */
  precision: number;
  /** Tensors with more than this many elements are summarized with `...` (default 1000). */
  threshold: number;
  /** Items kept at the start and end of each summarized dimension (default 3). */
  edgeitems: number;
  /** Characters per line used for wrapping elements and suffixes (default 80). */
  linewidth: number;
  /** Force (true) or forbid (false) scientific notation; null lets the formatter decide. */
  sci_mode: boolean | null;
}

export type PrintProfile = "default" | "short" | "full";

const PROFILES: Record<PrintProfile, Omit<PrintOptions, "sci_mode">> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

/** The live, mutable print options; `tensorRepr` reads them when no options are passed. */
export const printOptions: PrintOptions = { ...PROFILES.default, sci_mode: null };

/**
 * Set options for printing tensors, as `torch.set_printoptions`.
 *
 * A profile is applied first, then the individual options override it.
 * @example
 * torch.set_printoptions({ precision: 2 });
 * torch.tensor([1.12345]);                      // tensor([1.12])
 * torch.set_printoptions({ profile: "default" });
 */
export function set_printoptions(opts: Partial<PrintOptions> & { profile?: PrintProfile } = {}): void {
  // `!= null` rather than `!== undefined`: cell code translated from Python may pass null for None.
  if (opts.profile != null) {
    const profile = PROFILES[opts.profile];
    // An unknown profile name is silently ignored, as in torch/_tensor_str.py.
    if (profile !== undefined) Object.assign(printOptions, profile);
  }
  if (opts.precision != null) printOptions.precision = opts.precision;
  if (opts.threshold != null) printOptions.threshold = opts.threshold;
  if (opts.edgeitems != null) printOptions.edgeitems = opts.edgeitems;
  if (opts.linewidth != null) printOptions.linewidth = opts.linewidth;
  // NOTE: sci_mode is assigned unconditionally, as in torch/_tensor_str.py: any call that omits it
  // (even `set_printoptions({ precision: 2 })`) resets it to null, i.e. automatic.
  printOptions.sci_mode = opts.sci_mode ?? null;
}
