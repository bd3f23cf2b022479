/**
 * iopub's outgoing queue: every message reaches every client that reads, in order, its `idle`
 * included, whatever another client does; a client that reads nothing cannot hold the kernel
 * for longer than `stuckAfterMs`.
 *
 * Why per client: a PUB socket drops silently for a subscriber whose queue is full (a cell
 * printing in a loop lost a quarter of its output, its final `idle` too). With
 * ZMQ_XPUB_NODROP, send() instead fails with EAGAIN while ANY subscriber's queue is full, so
 * one client that never reads would hold every other client, and the kernel, forever. Turning
 * no-drop off to give way (what this queue did before) drops for every full queue, a reading
 * client's too whenever it happens to be behind; and libzmq then skips that client's pipe
 * until it has read half its queue, so more is lost, the `idle` sometimes among it. libzmq
 * cannot tell us which subscriber is full, so the socket is in manual mode
 * (ZMQ_XPUB_MANUAL): each subscriber gets two subscriptions of our choosing when it joins, one
 * topic shared by all (`kernel.<session>.`) and one of its own (`kernel.to-<n>.`):
 *   - normally each message goes out once, on the shared topic (its usual topic
 *     `kernel.<session>.<msg_type>`), to everyone at once;
 *   - when that send is refused (someone is full), each subscriber gets each message on its own
 *     topic (`kernel.to-<n>.<session>.<msg_type>`), so a refusal names the full subscriber:
 *     the others go on, the full one waits (its messages stay queued here), until everyone has
 *     caught up and the shared topic is used again;
 *   - a subscriber refused without a break for `stuckAfterMs` reads nothing: what is queued for
 *     it is dropped, loudly (the log says so), and so is each new message it has no room for,
 *     until it takes one again.
 * Jupyter clients subscribe to everything and ignore the topic frame (the identities before
 * `<IDS|MSG>`), so both topics reach them unchanged. The queue's length (messages not yet sent
 * to every subscriber that reads) is what the I/O worker watches to stop reading the cell's
 * output: back-pressure up to the cell (ring.ts).
 *
 * NOTE: libzmq does not say which subscriber left (in manual mode its unsubscription comes
 * without the pipe), so a client that disconnected stays in the list: sends to its topic
 * succeed at once (no pipe matches), it never holds anything, and costs one send per message
 * only while another client is behind. Likewise each subscription message counts as one client:
 * Jupyter clients (jupyter_client, jupyter_server) subscribe once, to everything; a client that
 * subscribed twice on one connection would get messages twice while they go out one subscriber
 * at a time, and one that filters on a topic of its own would miss those.
 *
 *   const pub = new IopubPublisher(xpub, session, log, { stuckAfterMs: 10_000 });
 *   pub.push(frames); await pub.below(100, 8 << 20); await pub.flush();
 */
import type { XPublisher } from "zeromq";
import { OutgoingQueue, RETRY_FIRST_MS, RETRY_MAX_MS } from "./outgoing_queue.js";

/** What the publisher uses of the XPUB socket (a stand-in in the unit tests). */
export type IopubSocket = Pick<XPublisher, "send"> &
  AsyncIterable<Buffer[]> & {
    /** zeromq.js's generic option setter: its XPublisher has no subscribe() for manual mode. */
    setStringOption(option: number, value: string | Buffer): void;
  };
const ZMQ_SUBSCRIBE = 6;

/** The kernel's XPUB (made with `manual: true`) as the publisher uses it. */
export function asIopubSocket(xpub: XPublisher): IopubSocket {
  return xpub as unknown as IopubSocket;
}

const TOPIC_START = Buffer.from("kernel.");

interface Subscriber {
  id: number;
  /** `kernel.to-<n>.`: this subscriber's own topic. */
  prefix: Buffer;
  /** Absolute index of the next message to send it (while messages go out one subscriber at a time). */
  next: number;
  /** Since when it has refused the message at `next` (0: it has not). */
  fullSince: number;
  retryAt: number;
  pause: number;
  /** Declared stuck: how many messages it has missed so far. */
  missed: number | null;
}

export class IopubPublisher extends OutgoingQueue {
  /** Absolute index of the next message to send on the shared topic (while not split). */
  private cursor = 0;
  /** true: messages go out one subscriber at a time, on each one's own topic. */
  private split = false;
  private readonly subscribers: Subscriber[] = [];
  private lastId = 0;
  private readonly shared: Buffer;
  private joined!: () => void;
  private readonly joinedOnce = new Promise<void>((r) => (this.joined = r));
  /** Settles when the subscription reader has stopped (after the socket closes). */
  readonly subscriptionLoop: Promise<void>;

  constructor(
    private readonly socket: IopubSocket,
    session: string,
    log: (line: string) => void,
    private readonly opts: { stuckAfterMs: number },
  ) {
    super("iopub", log);
    this.shared = Buffer.from(`kernel.${session}.`);
    this.subscriptionLoop = this.readSubscriptions();
  }

  /** Resolves with true when the first subscriber has joined, or false after `timeoutMs`. */
  firstSubscriber(timeoutMs: number): Promise<boolean> {
    return Promise.race([
      this.joinedOnce.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref()),
    ]);
  }

  /**
   * Subscriptions arrive as messages on an XPUB. In manual mode libzmq applies none of them: right
   * after one is received, ZMQ_SUBSCRIBE applies to the pipe it came from, so both topics are set
   * before the next receive.
   */
  private async readSubscriptions(): Promise<void> {
    try {
      for await (const [frame] of this.socket) {
        if (frame?.[0] !== 1) continue; // an unsubscription (or a client leaving): see the NOTE above
        const id = ++this.lastId;
        const prefix = Buffer.from(`kernel.to-${id}.`);
        this.socket.setStringOption(ZMQ_SUBSCRIBE, this.shared);
        this.socket.setStringOption(ZMQ_SUBSCRIBE, prefix);
        // It gets what is sent from now on: on the shared topic, or (while split) from the tail.
        const next = this.split ? this.tail : this.cursor;
        this.subscribers.push({ id, prefix, next, fullSince: 0, retryAt: 0, pause: RETRY_FIRST_MS, missed: null });
        this.joined();
      }
    } catch {
      // socket closed
    }
  }

  /** Messages are due: on the shared topic, or (while split) to a subscriber that is behind. */
  protected hasWork(): boolean {
    return this.split ? !this.caughtUp() : this.cursor < this.tail;
  }

  protected async step(): Promise<void> {
    if (!this.split) {
      const frames = this.items[this.cursor - this.base]!;
      if ((await this.send(frames)) === "full") {
        this.split = true;
        for (const s of this.subscribers)
          Object.assign(s, { next: this.cursor, fullSince: 0, retryAt: 0, pause: RETRY_FIRST_MS });
        return;
      }
      this.cursor++;
      for (const s of this.subscribers) s.next = this.cursor;
      this.trim(this.cursor);
      return;
    }
    const waitMs = await this.sendRound();
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
  }

  /** While split: true if every subscriber has everything (and then, unless one is stuck, back to the shared topic). */
  private caughtUp(): boolean {
    if (this.subscribers.some((s) => s.next < this.tail)) return false;
    this.trim(this.tail);
    if (this.subscribers.every((s) => s.missed === null)) {
      this.split = false;
      this.cursor = this.tail;
    }
    return true;
  }

  /** One message to each subscriber that is behind and due; returns how long to wait before the next round. */
  private async sendRound(): Promise<number> {
    const now = Date.now();
    for (const s of this.subscribers) {
      if (s.next >= this.tail || s.retryAt > now) continue;
      const frames = this.items[s.next - this.base]!;
      const outcome = await this.send([
        Buffer.concat([s.prefix, frames[0]!.subarray(TOPIC_START.length)]),
        ...frames.slice(1),
      ]);
      if (outcome !== "full") {
        s.next++;
        s.fullSince = 0;
        s.pause = RETRY_FIRST_MS;
        if (s.missed !== null) {
          this.log(
            `iopub: client ${s.id} takes its output again (or has left); it missed ${s.missed} messages while it was not reading.`,
          );
          s.missed = null;
        }
        continue;
      }
      const t = Date.now();
      if (s.missed !== null) {
        // Stuck: it has no room, so this message (and whatever else is queued) is not for it.
        s.missed += this.tail - s.next;
        s.next = this.tail;
        continue;
      }
      s.fullSince ||= t;
      if (t - s.fullSince >= this.opts.stuckAfterMs) {
        s.missed = this.tail - s.next;
        this.log(
          `iopub: client ${s.id} has taken no output for ${((t - s.fullSince) / 1000).toFixed(1)} s (its queue is full: ` +
            `it does not read iopub). So that the other clients still get theirs, messages are now DROPPED for that client ` +
            `alone, until it reads again (${s.missed} so far).`,
        );
        s.next = this.tail;
        continue;
      }
      s.retryAt = t + s.pause;
      s.pause = Math.min(s.pause * 2, RETRY_MAX_MS);
    }
    this.trim(Math.min(this.tail, ...this.subscribers.map((s) => s.next)));
    const after = Date.now();
    let wait = Infinity;
    for (const s of this.subscribers) if (s.next < this.tail) wait = Math.min(wait, s.retryAt - after);
    return wait === Infinity ? 0 : Math.max(0, wait);
  }

  /** Hand one message to ZeroMQ: "full" when a subscriber it goes to has no room. */
  private send(frames: Buffer[]) {
    return this.sendOnce((f) => this.socket.send(f), frames);
  }
}
