#!/usr/bin/env node
/**
 * The `gradlab` command: one table of subcommands, each with its usage and help text, so
 * `gradlab --help`, `gradlab <command> --help` and the unknown-command message come from the same place.
 *
 *   gradlab                       the REPL (also `gradlab repl`)
 *   gradlab run train.ts 10       a script in the cell language; `gradlab run nb.ipynb -o out.ipynb`
 *   gradlab install               register the Jupyter kernel
 */
import { VERSION } from "./repl/version.js";

interface Command {
  usage: string;
  summary: string;
  /** Option lines for `gradlab <command> --help`. */
  options?: string[];
  run(args: string[]): Promise<number | null>;
}

const REPL_OPTIONS = [
  "--no-banner        do not print the banner",
  "--quiet            no banner, no start-up messages",
  "-c CODE            run CODE as one entry (its result shown as Out[1]), then leave",
  "-i SCRIPT [ARGS]   run SCRIPT first, then stay in the REPL with its variables",
];

async function repl(args: string[]): Promise<number> {
  const opts = {
    banner: true,
    quiet: false,
    code: undefined as string | undefined,
    script: undefined as string | undefined,
    scriptArgs: [] as string[],
    cwd: process.cwd(),
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--no-banner") opts.banner = false;
    else if (a === "--quiet" || a === "-q") opts.quiet = true;
    else if (a === "-c") {
      if (args[i + 1] === undefined) return usageError("repl", "-c needs the code to run");
      opts.code = args[++i];
    } else if (a === "-i") {
      if (args[i + 1] === undefined) return usageError("repl", "-i needs a script");
      opts.script = args[++i];
      opts.scriptArgs = args.slice(i + 1);
      break;
    } else return usageError("repl", `unknown option '${a}'`);
  }
  const { runRepl } = await import("./repl/repl.js");
  return runRepl(opts);
}

const COMMANDS: Record<string, Command> = {
  repl: {
    usage: "gradlab [repl] [--no-banner] [--quiet] [-c CODE | -i SCRIPT [ARGS...]]",
    summary: "the terminal REPL, as IPython (the default command)",
    options: REPL_OPTIONS,
    run: repl,
  },
  run: {
    usage:
      "gradlab run SCRIPT.ts [ARGS...] | gradlab run NOTEBOOK.ipynb [-o OUT.ipynb | --inplace] [--allow-errors] [--timeout S]",
    summary: "run a script (cell language, or plain .js/.mjs) or execute a notebook without Jupyter",
    options: [
      "SCRIPT.ts ARGS     process.argv holds [node, SCRIPT, ...ARGS]; exit status 1 on an uncaught error",
      "-o, --output FILE  (notebooks) write the executed notebook to FILE",
      "--inplace          (notebooks) write it back to NOTEBOOK.ipynb",
      "--allow-errors     (notebooks) keep going after a failing cell (exit status 0)",
      "--timeout S        (notebooks) stop a cell that runs longer than S seconds",
      "                   without -o/--inplace each cell's outputs are printed",
      "                   a cell tagged raises-exception may fail without stopping the run",
    ],
    async run(args) {
      const { runCli } = await import("./run/run_cli.js");
      return runCli(args);
    },
  },
  install: {
    usage: "gradlab install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--interrupt-mode message|signal]",
    summary: "register the Jupyter kernel (and build the kernel's startup snapshot)",
    async run(args) {
      return (await import("./install.js")).installCli(args);
    },
  },
  uninstall: {
    usage: "gradlab uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]",
    summary: "remove the Jupyter kernelspec",
    async run(args) {
      return (await import("./install.js")).uninstallCli(args);
    },
  },
  kernel: {
    usage: "gradlab kernel CONNECTION_FILE",
    summary: "the Jupyter kernel process (what Jupyter starts)",
    async run(args) {
      const { connectionFileFromArgv, startKernel } = await import("./kernel.js");
      const file = connectionFileFromArgv(args);
      if (!file) return usageError("kernel", "the connection file is missing");
      await startKernel(file);
      return null;
    },
  },
  snapshot: {
    usage: "gradlab snapshot",
    summary: "build the kernel's V8 startup snapshot for this machine's Node",
    async run() {
      const { buildSnapshot } = await import("./snapshot/build.js");
      const failed = buildSnapshot();
      if (failed) console.error(`gradlab: no startup snapshot, kernels start without it: ${failed}`);
      return 0;
    },
  },
  demo: {
    usage: "gradlab demo",
    summary: "print the course's first autograd example, computed by gradlab",
    async run() {
      (await import("./demo.js")).demo();
      return 0;
    },
  },
};

function help(): string {
  const w = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    `gradlab ${VERSION}: PyTorch's tensors and autograd in TypeScript, with a Jupyter kernel and a REPL`,
    "",
    "usage: gradlab [COMMAND] [OPTIONS]   (no command: the REPL)",
    "",
    "commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(w)}  ${c.summary}`),
    "",
    "options:",
    "  -h, --help     this help; `gradlab COMMAND --help` for a command's options",
    "  --version      the version",
    "",
  ].join("\n");
}

function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  return [
    `usage: ${c.usage}`,
    "",
    c.summary,
    ...(c.options ? ["", "options:", ...c.options.map((o) => `  ${o}`)] : []),
    "",
  ].join("\n");
}

function usageError(name: string, message: string): number {
  process.stderr.write(`gradlab ${name}: ${message}\nusage: ${COMMANDS[name]!.usage}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number | null> {
  const [first, ...rest] = argv;
  if (first === "-h" || first === "--help" || first === "help") {
    if (first === "help" && rest[0] && COMMANDS[rest[0]]) process.stdout.write(commandHelp(rest[0]));
    else process.stdout.write(help());
    return 0;
  }
  if (first === "--version" || first === "-V") {
    process.stdout.write(`gradlab ${VERSION}\n`);
    return 0;
  }
  // `run` and `-c` compile cells at once: start them from the kernel's startup snapshot when it is
  // current. Not the interactive REPL: its prompt comes before TypeScript loads, and reading the
  // 27 MB heap first would only delay it (bench/repl/startup_bench.py).
  if (first === "run" || argv.includes("-c")) {
    const fromSnapshot = (await import("./repl/from_snapshot.js")).runFromSnapshot(argv);
    if (fromSnapshot !== null) return fromSnapshot;
  }
  // No command, or REPL options first: the REPL.
  if (first === undefined || first.startsWith("-")) return COMMANDS.repl!.run(argv);
  const command = COMMANDS[first];
  if (!command) {
    process.stderr.write(
      `gradlab: unknown command '${first}'. Commands: ${Object.keys(COMMANDS).join(", ")} (gradlab --help)\n`,
    );
    return 2;
  }
  // `gradlab run x.ts --help` passes --help to the script; only a bare `--help` is ours.
  if (rest[0] === "--help" || rest[0] === "-h") {
    process.stdout.write(commandHelp(first));
    return 0;
  }
  return command.run(rest);
}

const code = await main(process.argv.slice(2));
// null: the command keeps running (the kernel). Otherwise leave once output is written.
// A script run by `gradlab run` may leave timers that still have work: those end it, as under node.
if (code !== null) {
  process.exitCode = code;
  if (process.argv[2] !== "run") process.exit(code);
}
