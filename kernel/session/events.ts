/**
 * IPython's EventManager, reduced to what gradlab needs: code that wants to act after each cell
 * registers a callback, and the session triggers it while the cell's output is still open.
 * `plt` uses it as matplotlib's inline backend does: figures drawn in a cell show at its end.
 *
 *   events.register("post_execute", () => flushFigures());
 */
export type EventName = "post_execute";
type Callback = () => void;

const callbacks: Record<EventName, Set<Callback>> = { post_execute: new Set() };

export const events = {
  /** Call `fn` after every (non-silent) cell, in registration order. */
  register(event: EventName, fn: Callback): void {
    callbacks[event].add(fn);
  },
  unregister(event: EventName, fn: Callback): void {
    callbacks[event].delete(fn);
  },
  /**
   * @internal The session: run the callbacks; one that throws is reported on stderr, as IPython
   * does, and does not stop the others or change the cell's result.
   */
  trigger(event: EventName): void {
    for (const fn of callbacks[event]) {
      try {
        fn();
      } catch (e) {
        process.stderr.write(
          `Error in callback ${fn.name || "<anonymous>"} (for ${event}):\n${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`,
        );
      }
    }
  },
};
