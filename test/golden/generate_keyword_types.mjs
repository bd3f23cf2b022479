#!/usr/bin/env node
/**
 * Write engine/api/keyword_types.ts: the options-object form of every callable of gradlab's public
 * API that PyTorch's keyword table covers, as TypeScript overloads.
 *
 * Run after generate_signatures.py:   node test/golden/generate_keyword_types.mjs
 *
 * Input: test/golden/keyword_types.json (PyTorch 1.13's parameters with their types, written by
 * generate_signatures.py). Which callables gradlab has, and what each returns, is read from the
 * engine's own sources with TypeScript's checker (the previous keyword_types.ts left out), so the
 * file declares no method gradlab lacks and returns what the positional form returns.
 *
 * For each PyTorch overload with positional parameters p0..pn and keyword-only k..., and each split
 * point i, one signature: p0..p(i-1) positionally, then one options object holding pi..pn and k...
 * (PyTorch's required parameters required, the rest optional):
 *   x.sum({dim: 1, keepdim: true}),  x.sum(1, {keepdim: true}),  torch.zeros(2, 3, {dtype})
 * and one with p0..pn all by position (`torch.allclose(a, b, 1e-5, 1e-8, true)`).
 * Tensor methods declared on Tensor merge into the Tensor interface; those made from their function
 * (tensor/expose.ts) are a map keyed by method name (KeywordMethods), which MethodsOf adds to each.
 * Free functions and constructors are maps keyed by the table's names (KeywordFunctions,
 * KeywordClasses), which api/keywords.ts's bindFunctions/bindClass add to the types of what they bind.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const OUT = join(ROOT, "engine", "api", "keyword_types.ts");
const ENGINE = join(ROOT, "engine");
/** What the engine sees of this file while it is being regenerated: the maps, empty. */
const STUB =
  "export interface KeywordFunctions {}\nexport interface KeywordMethods {}\nexport interface KeywordClasses<I> { _?: I }\n";

/** A parameter name that is no keyword gradlab takes: `out=` (gradlab has no out tensors), docstring debris (`LongTensor`; `T_max` is a name). */
const skipName = (name) => name === "out" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^[A-Z][A-Za-z0-9]*$/.test(name);

/** The engine's program, with the generated file itself empty (its previous content must not feed back). */
function engineProgram() {
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    lib: ["lib.es2022.d.ts", "lib.esnext.disposable.d.ts"],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (resolve(f) === OUT ? STUB : read(f));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onErr, create) =>
    resolve(f) === OUT ? ts.createSourceFile(f, STUB, lang) : getSourceFile(f, lang, onErr, create);
  return ts.createProgram([join(ENGINE, "index.ts")], options, host);
}

function makeResolver(program) {
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(join(ENGINE, "index.ts"));
  const root = checker.getSymbolAtLocation(index);
  // Types are written as seen from the generated file: a type alias it cannot import (reduce.ts's local DimOpt) is spelled out.
  const here = program.getSourceFile(OUT);
  const exportOf = (sym, name) => {
    if (!sym) return undefined;
    const s = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    const found = checker.getExportsOfModule(s).find((e) => e.name === name);
    return found && (found.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(found) : found);
  };
  const path = (names) => names.reduce((s, n) => exportOf(s, n), root);
  /** Whether an export is what api/keywords.ts's bindFunctions or bindClass made (only those take options objects at run time). */
  const isBound = (sym) => {
    let node = sym?.valueDeclaration;
    while (node && !ts.isVariableDeclaration(node)) node = node.parent;
    const init = node?.initializer;
    return !!init && ts.isCallExpression(init) && /^bind(Functions|Class)$/.test(init.expression.getText());
  };
  const instanceType = (names) => {
    const s = path(names);
    return s && checker.getDeclaredTypeOfSymbol(s);
  };
  /** Whether a parameter of this type takes an object literal of gradlab's own (`{as_tuple: true}`, CrossEntropyOptions). */
  const takesObject = (t) => {
    if (t.isUnionOrIntersection()) return t.types.some(takesObject);
    const sym = t.aliasSymbol ?? t.symbol;
    return (
      !!(t.flags & ts.TypeFlags.Object) &&
      !!sym &&
      !(sym.flags & ts.SymbolFlags.Class) &&
      !["Array", "ReadonlyArray", "Size"].includes(sym.name) &&
      !!(sym.flags & (ts.SymbolFlags.TypeLiteral | ts.SymbolFlags.Interface))
    );
  };
  const rewrite = (text) =>
    text
      .replace(
        /import\("([^"]+)"(?:, \{[^()]*\})?\)/g,
        (_, p) => `import("${relative(dirname(OUT), p).replace(/\\/g, "/")}.js")`,
      )
      .replace(/import\("\.\.\/(tensor\/tensor|torch)\.js"\)\.Tensor\b/g, "Tensor");
  const typeText = (t) => {
    const text = checker.typeToString(
      t,
      here,
      ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType,
    );
    // import("/abs/engine/ops/reduce", {...}).ReturnTypes → import("../ops/reduce.js").ReturnTypes; Tensor is imported.
    return rewrite(text);
  };
  /** A parameter only an options object fits (`opts?: { approximate?: ... }`): no value is given there by position. */
  const optionsOnly = (p) => {
    const t = checker.getNonNullableType(checker.getTypeOfSymbol(p));
    // (The literal's own symbol, not an alias's: `opts?: SortOpts` is an object literal type too.)
    const literal = (m) =>
      !!(m.flags & ts.TypeFlags.Object) &&
      !!m.symbol &&
      !!(m.symbol.flags & (ts.SymbolFlags.TypeLiteral | ts.SymbolFlags.Interface)) &&
      !["Array", "ReadonlyArray", "Size"].includes(m.symbol.name);
    return (t.isUnion() ? t.types : [t]).every(literal);
  };
  /** The most arguments any of the engine's own signatures takes by position (Infinity with a rest parameter). */
  const arityOf = (sigs) =>
    Math.max(
      0,
      ...sigs.map((sig) => {
        if (sig.parameters.some((p) => p.valueDeclaration?.dotDotDotToken)) return Infinity;
        const k = sig.parameters.findIndex(optionsOnly);
        return k < 0 ? sig.parameters.length : k;
      }),
    );
  const returnsOf = (type) => {
    if (!type) return null;
    const sigs = type.getCallSignatures();
    // Generic functions (torch.load<T>) return what their type argument says: no fixed type to give here.
    if (!sigs.length || sigs.some((s) => s.typeParameters?.length)) return null;
    const returns = [...new Set(sigs.map((s) => typeText(checker.getReturnTypeOfSignature(s))))];
    returns.arity = arityOf(sigs);
    return returns;
  };
  return {
    /** The distinct return types of gradlab's callable `key`, or null when gradlab has no such callable. */
    returns(key) {
      const parts = key.split(".");
      const name = parts.pop();
      const ns = parts.join(".");
      const classOf = { Tensor: ["Tensor"], "nn.Module": ["nn", "Module"], "optim.Optimizer": ["optim", "Optimizer"] }[
        ns
      ];
      if (classOf) {
        const t = instanceType(classOf);
        const prop = t && t.getProperty(name);
        if (!prop) return null;
        // A method a family exposes from its function (tensor/expose.ts MethodsOf: declared by the
        // function itself) takes its options-object signatures from KeywordMethods.
        if (classOf.at(-1) === "Tensor" && prop.declarations?.every((d) => ts.isFunctionDeclaration(d))) {
          const r = returnsOf(checker.getTypeOfSymbol(prop));
          // By position the method takes what its function takes after the tensor.
          const fn = checker.getSymbolAtLocation(prop.declarations[0].name);
          if (r && fn) r.arity = arityOf(checker.getTypeOfSymbol(fn).getCallSignatures()) - 1;
          return r;
        }
        // A method Tensor inherits from another interface (UnaryMethods' relu) would lose its own
        // signatures if Tensor declared it: only methods declared on Tensor itself are augmented.
        // Methods of the class itself (size, stride) have an implementation every overload must fit: left out too.
        if (
          !prop.declarations?.every((d) => ts.isInterfaceDeclaration(d.parent)) ||
          !prop.declarations.every((d) => d.parent.name?.text === classOf.at(-1))
        )
          return null;
        return returnsOf(checker.getTypeOfSymbol(prop));
      }
      const names = ns === "torch" ? [name] : [...parts, name];
      const s = path(names);
      if (!s || !(s.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)) || !isBound(s)) return null;
      return returnsOf(checker.getTypeOfSymbol(s));
    },
    /** Whether Tensor's method `name` is a family function exposed by tensor/expose.ts (declared by the function itself). */
    isExposed(name) {
      const prop = instanceType(["Tensor"]).getProperty(name);
      return !!prop?.declarations?.length && prop.declarations.every((d) => ts.isFunctionDeclaration(d));
    },
    /**
     * A Tensor method's own signatures, written out, when one of them takes an object literal
     * (`nonzero(opts: {as_tuple: true}): Tensor[]`): TypeScript tries a later augmentation's overloads
     * first, so these are repeated ahead of the generated ones to keep deciding such calls.
     */
    ownSignatures(name) {
      const prop = instanceType(["Tensor"]).getProperty(name);
      const sigs = checker.getTypeOfSymbol(prop).getCallSignatures();
      if (!sigs.some((sig) => sig.parameters.some((p) => takesObject(checker.getTypeOfSymbol(p))))) return [];
      return sigs.map((sig) =>
        rewrite(
          checker.signatureToString(
            sig,
            here,
            ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType,
          ),
        ),
      );
    },
    /** Whether gradlab has the class `key` (nn.Linear, optim.SGD, optim.lr_scheduler.StepLR). */
    hasClass(key) {
      const s = path(key.split("."));
      return !!s && isBound(s) && checker.getTypeOfSymbol(s).getConstructSignatures().length > 0;
    },
    /** How many arguments the class's own constructor takes at most. */
    classArity(key) {
      return arityOf(checker.getTypeOfSymbol(path(key.split("."))).getConstructSignatures());
    },
  };
}

const elementOf = (t) =>
  t.endsWith("[]") && !/[|)]/.test(t.slice(0, -2))
    ? t.slice(0, -2)
    : t.startsWith("(") && t.endsWith(")[]")
      ? t.slice(1, -3)
      : "unknown";

/** `{ dim: number | null; keepdim?: boolean }`, from parameters given by name. */
function optionsType(params, anyKey) {
  const keys = params.map(
    ([name, kind, required, type]) => `${name}${required && kind !== "keyword" ? "" : "?"}: ${type}`,
  );
  // PyTorch's **kwargs: any other name is taken too.
  return "{ " + [...keys, ...(anyKey ? ["[key: string]: unknown"] : [])].join("; ") + " }";
}

/** The interface naming a callable's options-object signatures: `torch.sum` → `Keywords_torch_sum`. */
const typeName = (key) => `Keywords_${key.replace(/\./g, "_")}`;

/** The parameters of one PyTorch overload that gradlab takes by name: [name, kind, required, type]. */
export const namedParams = (ov) => ov.params.filter(([name, kind]) => !skipName(name) && kind !== "varkw");

/** Each PyTorch overload's options-object signatures: "(p0: T0, options: {...})" without the return type. */
function signatures(overloads, ownArity = 0) {
  const out = [];
  for (const ov of overloads) {
    const params = namedParams(ov);
    const positional = params.filter(([, kind]) => kind === "positional" || kind === "varargs");
    const keyword = params.filter(([, kind]) => kind === "keyword");
    if (!params.length) continue;
    // Every positional parameter by position, as PyTorch takes them (`torch.allclose(a, b, 1e-5, 1e-8)`,
    // `optim.SGD(params, 0.1, 0.9, 0, 0, true)`), where the engine's own signatures take fewer arguments (they
    // may take the later ones only by name; where they take as many they are the positional form, and another
    // overload would only crowd a misspelled keyword's error out of TypeScript's report). The first is
    // required (a call without arguments is the engine's own: x.median() is a Tensor, x.median(0) a tuple);
    // an `unknown` parameter takes any PositionalValue, not a plain object (a misspelled options object).
    if (positional.length > ownArity && !positional.some(([, kind]) => kind === "varargs")) {
      let optional = false;
      const list = positional.map(([n, , required, t], i) => {
        optional ||= !required && i > 0;
        return `${n}${optional ? "?" : ""}: ${t.replace(/\bunknown\b/g, "PositionalValue")}`;
      });
      out.push(`(${list.join(", ")})`);
    }
    for (let i = 0; i <= positional.length; i++) {
      const prefix = positional.slice(0, i);
      const varargs = prefix.find(([, kind]) => kind === "varargs");
      const named = [...positional.slice(i), ...keyword];
      // Nothing left to name: no options object (an empty `{}` type would take any value).
      if (!named.length) continue;
      const opts = optionsType(
        named,
        ov.params.some(([, kind]) => kind === "varkw"),
      );
      if (varargs) {
        // `torch.zeros(2, 3, {dtype})`: the values of `*size` one by one, then the options.
        const [vname, , , vtype] = varargs;
        const head = prefix.slice(0, -1).map(([n, , , t]) => `${n}: ${t}`);
        out.push(`(...args: [${[...head, `...${vname}: ${elementOf(vtype)}[]`, `options: ${opts}`].join(", ")}])`);
        if (elementOf(vtype) === "unknown") continue;
        // ... or as one list, as PyTorch also takes it: `torch.zeros([2, 3], {dtype})`.
        out.push(`(${[...head, `${vname}: ${vtype}`, `options: ${opts}`].join(", ")})`);
      } else {
        out.push(`(${[...prefix.map(([n, , , t]) => `${n}: ${t}`), `options: ${opts}`].join(", ")})`);
      }
    }
  }
  return out;
}

/** The return type of one PyTorch overload: gradlab's, chosen among its own when it has several. */
function pickReturn(returns, ov) {
  if (returns.length === 1) return returns[0];
  if (ov.tuple) return returns.find((r) => r !== "Tensor") ?? returns[0];
  return returns.includes("Tensor") ? "Tensor" : returns[0];
}

function withReturns(overloads, returns) {
  const seen = new Set(),
    lines = [];
  for (const ov of overloads) {
    for (const sig of signatures([ov], returns.arity)) {
      const line = `${sig}: ${pickReturn(returns, ov)}`;
      if (!seen.has(line)) {
        seen.add(line);
        lines.push(line);
      }
    }
  }
  return lines;
}

export function render() {
  const table = JSON.parse(readFileSync(join(HERE, "keyword_types.json"), "utf8"));
  const resolver = makeResolver(engineProgram());
  // nn.Module's and Optimizer's methods are class methods: an overload merged from an interface must fit the
  // implementation and every subclass's override, so those take their options in their own declarations.
  const methods = { Tensor: [] };
  const exposed = [];
  const functions = [],
    classes = [],
    covered = [],
    functionMap = [],
    classMap = [];
  let count = 0;
  for (const key of Object.keys(table).sort()) {
    const ns = key.slice(0, key.lastIndexOf("."));
    const name = key.slice(key.lastIndexOf(".") + 1);
    const overloads = table[key];
    if (ns === "nn.Module" || ns === "optim.Optimizer") continue;
    if (/^[A-Z]/.test(name) && !(ns in methods)) {
      if (!resolver.hasClass(key)) continue;
      const arity = resolver.classArity(key);
      const lines = [...new Set(overloads.flatMap((ov) => signatures([ov], arity)))];
      if (lines.length) {
        classes.push(
          `/** \`new ${key}(...)\` with options objects. */\nexport interface ${typeName(key)}<I> {\n${lines.map((l) => `  new ${l}: I;`).join("\n")}\n}`,
        );
        classMap.push(`  ${JSON.stringify(key)}: ${typeName(key)}<I>;`);
        count++;
        covered.push(key);
      }
      continue;
    }
    const returns = resolver.returns(key);
    if (!returns) continue;
    const lines = withReturns(overloads, returns);
    if (!lines.length) continue;
    count++;
    covered.push(key);
    // An exposed method's type is its function's & KeywordMethods[name]: the function's signatures come first already.
    if (ns === "Tensor" && resolver.isExposed(name))
      exposed.push(`  ${name}: {\n${lines.map((l) => `    ${l};`).join("\n")}\n  };`);
    else if (ns in methods)
      methods[ns].push(...[...resolver.ownSignatures(name), ...lines].map((l) => `    ${name}${l};`));
    else {
      functions.push(
        `/** \`${key}(...)\` with options objects. */\nexport interface ${typeName(key)} {\n${lines.map((l) => `  ${l};`).join("\n")}\n}`,
      );
      functionMap.push(`  ${JSON.stringify(key)}: ${typeName(key)};`);
    }
  }
  const text = `// GENERATED by test/golden/generate_keyword_types.mjs from test/golden/keyword_types.json (PyTorch
// 1.13's signatures) and the engine's own declarations: do not edit.
//
// The options-object form of every callable of the public API that the keyword table covers
// (${count} callables): PyTorch's keyword arguments by name in a trailing object, also as the only
// argument, typed from PyTorch's signatures. engine/api/keywords.ts binds them at run time.
import type { Tensor, Scalar } from "../tensor/tensor.js";
import type { DType } from "../tensor/dtype.js";
import type { DeviceLike } from "../tensor/device.js";
import type { Generator } from "../random/generator.js";
import type { Module } from "../nn/module.js";
import type { Optimizer } from "../optim/optimizer.js";

/** What a parameter PyTorch leaves untyped takes by position: anything but a plain object (a misspelled options object). */
type PositionalValue =
  | string
  | number
  | boolean
  | bigint
  | null
  | undefined
  | readonly unknown[]
  | Iterable<unknown>
  | ((...args: never[]) => unknown)
  | Tensor
  | DType
  | Generator
  | Module
  | Optimizer;

declare module "../tensor/tensor.js" {
  interface Tensor {
${methods.Tensor.join("\n")}
  }
}

/** Tensor methods made from their functions (tensor/expose.ts MethodsOf), by name: their options-object signatures. */
export interface KeywordMethods {
${exposed.join("\n")}
}

/** Free functions by table key (\`torch.sum\`, \`nn.functional.cross_entropy\`): their options-object signatures. */
export interface KeywordFunctions {
${functionMap.join("\n")}
}

/** Constructors by table key (\`nn.Linear\`, \`optim.SGD\`), building an \`I\`: their options-object signatures. */
export interface KeywordClasses<I> {
${classMap.join("\n")}
}

// One named interface per callable, so that declaration files refer to it by name instead of repeating it.
${functions.join("\n")}

${classes.join("\n")}
`;
  return { text, count, covered };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text, count } = render();
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}: ${count} callables, ${text.split("\n").length} lines`);
}
