/**
 * Python's exception classes, by name. PyTorch raises these (RuntimeError above all), and users
 * see `RuntimeError: <message>` in tracebacks, so `name` is the Python class name.
 */
export class PyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.pyName;
  }
  static pyName = "Exception";
}
export class RuntimeError extends PyError { static override pyName = "RuntimeError"; }
export class ValueError extends PyError { static override pyName = "ValueError"; }
export class IndexError extends PyError { static override pyName = "IndexError"; }
// NOTE: JavaScript has a global TypeError; ours is exported under Python's name for PyTorch parity.
export class TypeError extends PyError { static override pyName = "TypeError"; }
export class NotImplementedError extends PyError { static override pyName = "NotImplementedError"; }
export class KeyboardInterrupt extends PyError { static override pyName = "KeyboardInterrupt"; }

/** Python's warnings.warn(..., UserWarning): printed to stderr once per distinct message. */
const warned = new Set<string>();
export function warnOnce(message: string, category = "UserWarning"): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.stderr.write(`${category}: ${message}\n`);
}
