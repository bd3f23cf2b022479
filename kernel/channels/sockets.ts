/**
 * The five kernel sockets, bound as the connection file says: shell, control and stdin are
 * ROUTERs (any number of identity frames before <IDS|MSG>), iopub an XPUB (a PUB that also
 * tells us when a subscriber joins, see firstSubscriber), heartbeat a REP.
 *
 * NOTE: a PUB socket drops messages silently for a subscriber whose queue is full (the send
 * high-water mark, 1000 messages): a cell printing in a loop lost a quarter of its output, its
 * final `idle` too, to a frontend that read a little slowly. iopub sets ZMQ_XPUB_NODROP
 * instead: send() fails with EAGAIN and the send queue waits (send_queue.ts). Its high-water
 * mark is 10,000 messages a subscriber: only a client that reads nothing for a long time makes
 * the queue give way (dropping for full subscribers), and then a client that reads is unlikely
 * to be that far behind.
 */
import { Reply, Router, XPublisher } from "zeromq";
import { endpoint, type Channel, type ConnectionInfo } from "../protocol/connection.js";

const IOPUB_SNDHWM = 10_000;

export interface KernelSockets {
  shell: Router;
  control: Router;
  stdin: Router;
  iopub: XPublisher;
  /** Resolves when the first iopub subscription arrives, or after `timeoutMs`. */
  firstSubscriber(timeoutMs: number): Promise<boolean>;
  hb: Reply;
  close(): void;
  /** Settles when the subscription reader has stopped (after close). */
  readonly subscriptionLoop: Promise<void>;
}

export async function bindSockets(info: ConnectionInfo): Promise<KernelSockets> {
  const ipv6 = info.transport === "tcp" && info.ip.includes(":");
  const opts = { linger: 1000, ipv6 };
  const sockets = {
    shell: new Router(opts),
    control: new Router(opts),
    stdin: new Router(opts),
    iopub: new XPublisher({ ...opts, noDrop: true, sendHighWaterMark: IOPUB_SNDHWM }),
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
  // Subscriptions arrive as messages on an XPUB; read them all (they would queue up otherwise).
  let subscribed: () => void = () => {};
  const subscription = new Promise<void>((resolve) => (subscribed = resolve));
  const subscriptionLoop = (async () => {
    try {
      for await (const [frame] of sockets.iopub) if (frame?.[0] === 1) subscribed();
    } catch {
      // socket closed
    }
  })();
  return {
    ...sockets,
    subscriptionLoop,
    firstSubscriber: (timeoutMs) =>
      Promise.race([subscription.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref())]),
    close() {
      for (const s of Object.values(sockets)) if (!s.closed) s.close();
    },
  };
}
