/**
 * IPython's display API in cells: `display(obj)`, `display.html/markdown/latex/svg/png/jpeg/json`,
 * and handles that update an output in place. Every call turns its value into a MIME bundle
 * (mime_bundle.ts: tensors as PyTorch's repr, objects with `[Symbol.for("Jupyter.display")]()`
 * as their own bundle) and hands it to the publisher, so plots and progress bars built on this
 * render in JupyterLab, Notebook, VS Code and `jupyter console` alike.
 *
 *   display(x)                                      // like IPython's display(x)
 *   const h = display.html("<b>0%</b>", {display_id: true}); h.update("<b>100%</b>")
 *   display.png(readFileSync("plot.png"), {width: 300})
 *   display({"text/html": "<i>raw</i>", "text/plain": "raw"}, {raw: true})
 */
import { existsSync, readFileSync } from "node:fs";
import { TypeError as PyTypeError, ValueError } from "../../engine/errors.js";
import type { MimeBundle } from "../session/types.js";
import { mimeBundle } from "./mime_bundle.js";
import { clearOutput, newDisplayId, publish } from "./publisher.js";

export interface DisplayOptions {
  /** `true` for a new id, or an id of your own: the returned handle updates this output. */
  display_id?: string | boolean;
  /** The value already is a MIME bundle (`{"text/html": ...}`): publish it as it is. */
  raw?: boolean;
  /** Output metadata, e.g. `{"image/png": {width: 300}}`. */
  metadata?: Record<string, unknown>;
}

/** Options that ask for a handle: `display(x, {display_id: true})` returns a DisplayHandle, never undefined. */
export type WithDisplayId<O extends DisplayOptions = DisplayOptions> = O & { display_id: true | string };

export interface ImageOptions extends DisplayOptions {
  width?: number;
  height?: number;
}

type Format = (value: unknown, opts: DisplayOptions) => { data: MimeBundle; metadata: Record<string, unknown> };

const OPTION_KEYS = new Set(["display_id", "raw", "metadata", "width", "height"]);

/** A trailing `{display_id, raw, metadata}` argument (and nothing else) is options, not a value. */
function isOptions(v: unknown): v is DisplayOptions {
  if (typeof v !== "object" || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype)
    return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => OPTION_KEYS.has(k));
}

const generic: Format = (value, opts) => {
  if (opts.raw) {
    if (typeof value !== "object" || value === null)
      throw new PyTypeError(
        `display(..., {raw: true}) needs a MIME bundle like {"text/html": "..."}, got ${typeof value}`,
      );
    return { data: value as MimeBundle, metadata: opts.metadata ?? {} };
  }
  return { data: mimeBundle(value) ?? { "text/plain": "None" }, metadata: opts.metadata ?? {} };
};

/** A handle on one output: `display(x, {display_id: true})` returns it. */
export class DisplayHandle {
  /** @internal */
  constructor(
    readonly display_id: string,
    private readonly format: Format = generic,
  ) {}

  /** Replace the output in place (update_display_data), formatted as the original was. */
  update(value: unknown, opts: DisplayOptions = {}): void {
    const { data, metadata } = this.format(value, opts);
    publish(data, metadata, this.display_id, true);
  }

  /** Show `value` as a new output under the same id (later updates change both). */
  display(value: unknown, opts: DisplayOptions = {}): void {
    const { data, metadata } = this.format(value, opts);
    publish(data, metadata, this.display_id, false);
  }

  toString(): string {
    return `<DisplayHandle display_id=${this.display_id}>`;
  }
}

function show(values: unknown[], opts: DisplayOptions, format: Format): DisplayHandle | undefined {
  const id = opts.display_id === true ? newDisplayId() : opts.display_id || undefined;
  for (const v of values) {
    const { data, metadata } = format(v, opts);
    publish(data, metadata, id, false);
  }
  // As IPython: a handle only when asked for, so a cell ending in display(x) shows no Out[n].
  return id ? new DisplayHandle(id, format) : undefined;
}

const text =
  (mime: string, plain: (s: string) => string): Format =>
  (value, opts) => {
    if (typeof value !== "string")
      throw new PyTypeError(`display.${mime.split(/[/+]/)[1]}() takes a string, got ${typeof value}`);
    return { data: { [mime]: value, "text/plain": plain(value) }, metadata: opts.metadata ?? {} };
  };

const MAGIC: Record<string, number[]> = { "image/png": [0x89, 0x50, 0x4e, 0x47], "image/jpeg": [0xff, 0xd8, 0xff] };

/** Image bytes from a Uint8Array, a file path, or base64 text; checked against the format's magic number. */
function imageBytes(value: unknown, mime: string): Buffer {
  let bytes: Buffer;
  if (value instanceof Uint8Array) bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  else if (typeof value === "string" && value.length < 4096 && existsSync(value)) bytes = readFileSync(value);
  else if (typeof value === "string") bytes = Buffer.from(value, "base64");
  else
    throw new PyTypeError(
      `display.${mime.slice(6)}() takes image bytes (Uint8Array), a file path or base64 text, got ${typeof value}`,
    );
  if (!MAGIC[mime]!.every((b, i) => bytes[i] === b)) {
    throw new ValueError(
      `display.${mime.slice(6)}(): the data is not a ${mime.slice(6).toUpperCase()} image (wrong first bytes); pass the file's bytes, its path, or its base64 text`,
    );
  }
  return bytes;
}

const image =
  (mime: string): Format =>
  (value, opts) => {
    const { width, height } = opts as ImageOptions;
    const size = { ...(width !== undefined ? { width } : {}), ...(height !== undefined ? { height } : {}) };
    const metadata = { ...(Object.keys(size).length ? { [mime]: size } : {}), ...(opts.metadata ?? {}) };
    return {
      data: {
        [mime]: imageBytes(value, mime).toString("base64"),
        "text/plain": `<${mime.slice(6).toUpperCase()} image>`,
      },
      metadata,
    };
  };

const json: Format = (value, opts) => {
  const data = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return {
    data: { "application/json": data, "text/plain": JSON.stringify(data, null, 2) },
    metadata: opts.metadata ?? {},
  };
};

/** A display.html()-like function: a handle when `{display_id}` asks for one. */
interface Formatted<O extends DisplayOptions> {
  (value: unknown, opts: WithDisplayId<O>): DisplayHandle;
  (value: unknown, opts?: O): DisplayHandle | undefined;
}

function formatted<O extends DisplayOptions = DisplayOptions>(format: Format): Formatted<O> {
  return (value: unknown, opts: O = {} as O) => show([value], opts, format) as DisplayHandle;
}

/** display() itself: with a trailing `{display_id}` it returns a handle (typed so: `display(x, {display_id: true}).update(y)`). */
interface Display {
  (value: unknown, ...rest: [...values: unknown[], opts: WithDisplayId]): DisplayHandle;
  (...values: unknown[]): DisplayHandle | undefined;
}

/**
 * Show values as rich output, as IPython's display(): tensors as PyTorch's repr, objects with
 * `[Symbol.for("Jupyter.display")]()` as the MIME bundle it returns. A last argument
 * `{display_id: true}` returns a handle whose `update(x)` replaces the output in place.
 * @example display(x); const h = display(loss, {display_id: true}); h.update(loss)
 */
export const display = Object.assign(
  function display(...values: unknown[]): DisplayHandle | undefined {
    const opts = values.length > 1 && isOptions(values[values.length - 1]) ? (values.pop() as DisplayOptions) : {};
    return show(values, opts, generic);
  } as Display,
  {
    /** HTML: `display.html("<b>bold</b>")`. */
    html: formatted(text("text/html", () => "<HTML object>")),
    /** Markdown: `display.markdown("# Title")`. */
    markdown: formatted(text("text/markdown", (s) => s)),
    /** LaTeX: `display.latex("$\\nabla_x y$")`. */
    latex: formatted(text("text/latex", (s) => s)),
    /** An SVG image from its XML text. */
    svg: formatted(text("image/svg+xml", () => "<SVG image>")),
    /** A PNG image: bytes, a file path or base64; `{width, height}` size it. */
    png: formatted<ImageOptions>(image("image/png")),
    /** A JPEG image: bytes, a file path or base64; `{width, height}` size it. */
    jpeg: formatted<ImageOptions>(image("image/jpeg")),
    /** JSON data (an object, or JSON text), shown as a collapsible tree in JupyterLab. */
    json: formatted(json),
  },
);

/**
 * Clear the cell's output; with `wait`, only when new output arrives (IPython's clear_output).
 * @example clear_output({wait: true}); print(`step ${i}`)   // a progress line redrawn in place
 */
export function clear_output(wait: boolean | { wait?: boolean } = false): void {
  clearOutput(typeof wait === "object" && wait !== null ? Boolean(wait.wait) : Boolean(wait));
}
