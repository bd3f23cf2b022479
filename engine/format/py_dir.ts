/**
 * Python's dir() over JavaScript objects: an object's `__dir__` when it has one (Python asks it
 * too), else the names of its properties and methods up its prototype chain.
 */

/** The property names of `obj` and its prototypes (Object's and Function's left out, and "constructor"), unsorted. */
export function attributeNames(obj: unknown): string[] {
  const names = new Set<string>();
  for (
    let o: unknown = obj;
    o !== null && o !== undefined && o !== Object.prototype && o !== Function.prototype;
    o = Object.getPrototypeOf(o)
  ) {
    for (const k of Object.getOwnPropertyNames(o)) if (k !== "constructor") names.add(k);
  }
  return [...names];
}

/** dir(obj): its `__dir__()` if it has one, else attributeNames(obj); sorted. */
export function pyDir(obj: unknown): string[] {
  const custom = (obj as { __dir__?: unknown } | null | undefined)?.__dir__;
  const names = typeof custom === "function" ? [...(custom.call(obj) as Iterable<string>)] : attributeNames(obj);
  return names.sort();
}
