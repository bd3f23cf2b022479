/**
 * A session seen asynchronously, by method name, so no capability is listed twice: an in-process
 * session as the handlers see it (tests, a single-threaded host), and local answers in front of
 * a remote one (the I/O worker answers is_complete itself when the main thread is slow).
 *
 *   const handlersSession = asAsync(createFakeSession());
 *   const quick = overriding(remote, { isComplete: quickIsComplete((c) => remote.isComplete(c)) });
 */
import type { AsyncOf } from "./types.js";

/** `session`'s methods, each answering with a promise (a throw becomes a rejection). */
export function asAsync<S extends object>(session: S): AsyncOf<S> {
  return new Proxy(session, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  }) as unknown as AsyncOf<S>;
}

/** `base` with some of its methods answered locally instead. */
export function overriding<T extends object>(base: T, local: Partial<T>): T {
  return new Proxy(base, {
    get: (target, key) => (key in local ? Reflect.get(local, key) : Reflect.get(target, key)),
    has: (target, key) => key in local || Reflect.has(target, key),
  });
}
