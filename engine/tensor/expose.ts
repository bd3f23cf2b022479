/**
 * A family's functions as Tensor methods, written once. The function is the op; its method is the
 * same call with the tensor as `this`:
 *
 *   export function sum(x: Tensor, dim?, keepdim?, kw?): Tensor { ... }   (reduce.ts, with its JSDoc)
 *   const METHODS = { sum, mean, amax };
 *   exposeMethods(METHODS);                         →  Tensor.prototype.sum = function (...a) { return sum(this, ...a) }
 *   type ReduceMethods = MethodsOf<typeof import("./reduce.js"), keyof typeof METHODS>;
 *   interface Tensor extends ReduceMethods {}       →  x.sum(dim?, keepdim?, kw?): Tensor, with sum's JSDoc
 *
 * The methods go through installMethods, so they take PyTorch's keywords in a trailing options object
 * and their argument errors count from the method's first argument. The types are read from the
 * module's own declarations (not from the record), so each method shows its function's JSDoc on
 * hover, Shift-Tab and `x.sum?`; the options-object signatures (`x.sum({dim: 1})`), generated from
 * PyTorch's signatures into api/keyword_types.ts's KeywordMethods, are added to each.
 *
 * NOTE: a conditional type over an overloaded function sees only its last overload, so an
 * overloaded function (max, where) cannot be exposed this way: exposeMethods refuses it at compile
 * time, and its method keeps an explicit declaration in the family's `interface Tensor`.
 */
import type { KeywordMethods } from "../api/keyword_types.js";
import { type Tensor, installMethods } from "./tensor.js";

/** A function whose first parameter is the tensor the method is called on. */
type SelfFunction = (self: Tensor, ...rest: never[]) => unknown;

/** `(x: Tensor, dim?: number) => Tensor` → `(dim?: number) => Tensor`: the function as a method (parameter names kept). */
export type Method<F> = F extends (self: Tensor, ...rest: infer A) => infer R ? (...args: A) => R : never;

/** Whether a function type has more than one call signature (two inferences that differ). */
export type IsOverloaded<F> = F extends { (...a: infer A1): unknown; (...a: infer A2): unknown }
  ? [A1] extends [A2]
    ? [A2] extends [A1]
      ? false
      : true
    : true
  : false;

/** The options-object signatures of `x.<K>(...)`, generated from PyTorch's (none for a method PyTorch's table lacks). */
type KeywordsOf<K> = K extends keyof KeywordMethods ? KeywordMethods[K] : unknown;

/**
 * The methods module `M`'s functions `K` make: each function's type without its first parameter,
 * plus its options-object forms. Homomorphic over the module's exports, so each method keeps its
 * function's declaration and JSDoc.
 */
export type MethodsOf<M, K extends keyof M> = {
  [P in keyof Pick<M, K>]: Method<Pick<M, K>[P]> & KeywordsOf<P>;
};

const exposed = new Map<string, SelfFunction>();
/** Every function exposeMethods installed, by method name (the table-wide test calls each both ways). */
export function exposedFunctions(): ReadonlyMap<string, SelfFunction> {
  return exposed;
}

/**
 * Install each function of a family record as the Tensor method of the same name:
 * `x.name(...args)` is `fn(x, ...args)`. An overloaded function is a compile error here (its
 * method type would lose overloads): declare and install that method explicitly.
 */
export function exposeMethods<F extends Record<string, SelfFunction>>(
  fns: F & { [K in keyof F]: IsOverloaded<F[K]> extends true ? never : unknown },
): void {
  const methods: Record<string, (this: Tensor, ...args: never[]) => unknown> = {};
  for (const [name, fn] of Object.entries(fns as Record<string, (self: Tensor, ...rest: unknown[]) => unknown>)) {
    // Arity-specific calls: a rest parameter and a spread would allocate an array per call.
    const method = function (this: Tensor, a?: unknown, b?: unknown, c?: unknown) {
      switch (arguments.length) {
        case 0:
          return fn(this);
        case 1:
          return fn(this, a);
        case 2:
          return fn(this, a, b);
        case 3:
          return fn(this, a, b, c);
        default:
          return fn(this, ...(arguments as unknown as unknown[]));
      }
    };
    Object.defineProperty(method, "name", { value: name });
    Object.defineProperty(method, "length", { value: Math.max(0, fn.length - 1) });
    methods[name] = method;
    exposed.set(name, fn as SelfFunction);
  }
  installMethods(methods);
}
