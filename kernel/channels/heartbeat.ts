/**
 * The heartbeat channel: a REP socket that echoes every ping. It lives in the I/O worker, so a
 * cell blocking the main thread never delays the answer.
 */
import type { Reply } from "zeromq";

export async function runHeartbeat(socket: Reply, log: (line: string) => void): Promise<void> {
  try {
    for await (const frames of socket) await socket.send(frames);
  } catch (e) {
    if (!socket.closed) log(`heartbeat stopped: ${(e as Error).message}`);
  }
}
