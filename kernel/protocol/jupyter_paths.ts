/**
 * Where Jupyter keeps data, following jupyter_core/paths.py without needing Python:
 * the user data dir (JUPYTER_DATA_DIR, else the platform default) and the search path
 * (JUPYTER_PATH entries, then the user dir, then the environment's and the system's dirs).
 */
import { execFileSync } from "node:child_process";
import { homedir, platform } from "node:os";
import { delimiter, join } from "node:path";

/** jupyter_core.paths.jupyter_data_dir() */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  const home = env.HOME || homedir();
  if (platform() === "darwin") return join(home, "Library", "Jupyter");
  if (platform() === "win32") return env.APPDATA ? join(env.APPDATA, "jupyter") : join(home, ".jupyter", "data");
  return join(env.XDG_DATA_HOME || join(home, ".local", "share"), "jupyter");
}

/** The system-wide data dirs (jupyter_core's SYSTEM_JUPYTER_PATH). */
export function systemJupyterPath(env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform() === "win32") return env.PROGRAMDATA ? [join(env.PROGRAMDATA, "jupyter")] : [];
  return ["/usr/local/share/jupyter", "/usr/share/jupyter"];
}

/**
 * The prefix of "the current Python environment" for --sys-prefix: an active virtualenv or
 * conda env, else whatever `python3` reports. Returns null when there is no Python at all.
 */
export function sysPrefix(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.VIRTUAL_ENV) return env.VIRTUAL_ENV;
  if (env.CONDA_PREFIX) return env.CONDA_PREFIX;
  for (const py of ["python3", "python"]) {
    try {
      return execFileSync(py, ["-c", "import sys; print(sys.prefix)"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 10000,
      }).trim();
    } catch {
      // try the next one
    }
  }
  return null;
}

/** jupyter_core.paths.jupyter_path(*subdirs): every data dir Jupyter searches, in order. */
export function jupyterPath(env: NodeJS.ProcessEnv = process.env, ...subdirs: string[]): string[] {
  const dirs: string[] = [];
  if (env.JUPYTER_PATH) dirs.push(...env.JUPYTER_PATH.split(delimiter).filter(Boolean));
  dirs.push(jupyterDataDir(env));
  const envPrefix = env.VIRTUAL_ENV || env.CONDA_PREFIX;
  if (envPrefix) dirs.push(join(envPrefix, "share", "jupyter"));
  dirs.push(...systemJupyterPath(env));
  return [...new Set(dirs)].map((d) => join(d, ...subdirs));
}
