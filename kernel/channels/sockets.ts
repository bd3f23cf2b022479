/**
 * The five kernel sockets, bound as the connection file says: shell, control and stdin are
 * ROUTERs (any number of identity frames before <IDS|MSG>), iopub an XPUB (a PUB that also
 * tells us when a subscriber joins), heartbeat a REP.
 *
 * NOTE: a PUB socket drops messages silently for a subscriber whose queue is full: a cell
 * printing in a loop lost a quarter of its output, its final `idle` too, to a frontend that read
 * a little slowly. iopub is an XPUB with ZMQ_XPUB_NODROP (send() fails with EAGAIN instead) and
 * ZMQ_XPUB_MANUAL (we choose each subscriber's topics, so that a refusal can name the full
 * subscriber): see iopub_publisher.ts, which holds what does not fit.
 */
import { Reply, Router, XPublisher } from "zeromq";
import { endpoint, type Channel, type ConnectionInfo } from "../protocol/connection.js";

/**
 * Messages ZeroMQ queues for one subscriber. libzmq learns how far a subscriber has read only
 * each time it has read about half of this (the pipe's low-water mark), so a smaller queue tells
 * sooner that a client that was full reads again; what does not fit waits in
 * iopub_publisher.ts, which bounds it. (1000 is ZeroMQ's default, and ipykernel's.)
 */
const IOPUB_SNDHWM = 1000;

export interface KernelSockets {
  shell: Router;
  control: Router;
  stdin: Router;
  iopub: XPublisher;
  hb: Reply;
  close(): void;
}

export async function bindSockets(info: ConnectionInfo): Promise<KernelSockets> {
  const ipv6 = info.transport === "tcp" && info.ip.includes(":");
  const opts = { linger: 1000, ipv6 };
  const sockets = {
    shell: new Router(opts),
    control: new Router(opts),
    stdin: new Router(opts),
    iopub: new XPublisher({ ...opts, noDrop: true, manual: true, sendHighWaterMark: IOPUB_SNDHWM }),
    hb: new Reply(opts),
  };
  for (const [channel, socket] of Object.entries(sockets) as [Channel, Router | XPublisher | Reply][]) {
    const port = info[`${channel}_port`];
    if (!port) throw new Error(`connection file has no ${channel}_port`);
    try {
      await socket.bind(endpoint(info, channel));
    } catch (e) {
      throw new Error(`cannot bind the ${channel} channel to ${endpoint(info, channel)}: ${(e as Error).message}`);
    }
  }
  return {
    ...sockets,
    close() {
      for (const s of Object.values(sockets)) if (!s.closed) s.close();
    },
  };
}
