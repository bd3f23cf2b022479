/**
 * The connection file Jupyter writes for a kernel (jupyter_client/connect.py): transport, ip,
 * one port per channel, and the signing scheme and key.
 */
import { readFileSync } from "node:fs";

export type Channel = "shell" | "control" | "stdin" | "iopub" | "hb";

export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  iopub_port: number;
  hb_port: number;
  signature_scheme: string;
  key: string;
  kernel_name?: string;
}

export function readConnectionFile(path: string): ConnectionInfo {
  const raw = JSON.parse(readFileSync(path, "utf8")) as Partial<ConnectionInfo>;
  const info: ConnectionInfo = {
    transport: raw.transport === "ipc" ? "ipc" : "tcp",
    ip: raw.ip ?? "127.0.0.1",
    shell_port: Number(raw.shell_port ?? 0),
    control_port: Number(raw.control_port ?? 0),
    stdin_port: Number(raw.stdin_port ?? 0),
    iopub_port: Number(raw.iopub_port ?? 0),
    hb_port: Number(raw.hb_port ?? 0),
    signature_scheme: raw.signature_scheme ?? "hmac-sha256",
    key: raw.key ?? "",
    kernel_name: raw.kernel_name,
  };
  if (raw.transport !== undefined && raw.transport !== "tcp" && raw.transport !== "ipc") {
    throw new Error(`connection file ${path}: unsupported transport '${String(raw.transport)}' (expected tcp or ipc)`);
  }
  return info;
}

/**
 * The ZeroMQ endpoint of one channel. NOTE: for ipc Jupyter names the socket file
 * `<ip>-<port>` (jupyter_client's `_make_url`), not a host and port.
 */
export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = info[`${channel}_port`];
  if (info.transport === "ipc") return `ipc://${info.ip}-${port}`;
  const host = info.ip.includes(":") ? `[${info.ip}]` : info.ip;
  return `tcp://${host}:${port}`;
}
