import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { defaultHistoryFile, globToRegExp, HistoryStore } from "../../kernel/session/history_store.js";

const tmpFile = () => join(mkdtempSync(join(tmpdir(), "gradlab-hist-")), "gradlab", "history.jsonl");

describe("history, numbered as IPython numbers it", () => {
  test("tail gives the last n cells oldest first, with (session, line) and optionally the output", () => {
    const h = HistoryStore.open(null);
    h.add(1, "a", "1");
    h.add(2, "b", null);
    h.add(3, "c", "3");
    expect(h.tail(2, false)).toEqual([
      [1, 2, "b"],
      [1, 3, "c"],
    ]);
    expect(h.tail(1, true)).toEqual([[1, 3, ["c", "3"]]]);
    expect(h.tail(0, false)).toEqual([]);
  });

  test("range takes start <= line < stop; session 0 is this session and negative counts back", () => {
    const file = tmpFile();
    const first = HistoryStore.open(file);
    first.add(1, "x = 1", null);
    first.add(2, "x + 1", "2");
    const second = HistoryStore.open(file);
    expect(second.session).toBe(first.session + 1);
    second.add(1, "y = 2", null);
    expect(second.range(0, 1, null, false)).toEqual([[second.session, 1, "y = 2"]]);
    expect(second.range(-1, 1, 2, false)).toEqual([[first.session, 1, "x = 1"]]);
    expect(second.range(first.session, 2, 3, true)).toEqual([[first.session, 2, ["x + 1", "2"]]]);
    expect(second.tail(3, false).map((r) => r[2])).toEqual(["x = 1", "x + 1", "y = 2"]);
  });

  test("search matches a SQLite GLOB; unique keeps the latest of equal inputs; n keeps the last n", () => {
    const h = HistoryStore.open(null);
    ["print(a)", "print(b)", "x = 1", "print(a)"].forEach((c, i) => h.add(i + 1, c, null));
    expect(h.search("print(?)", null, false, false).map((r) => r[1])).toEqual([1, 2, 4]);
    expect(h.search("print*", null, true, false).map((r) => r[1])).toEqual([2, 4]);
    expect(h.search("*", 2, false, false).map((r) => r[1])).toEqual([3, 4]);
    expect(h.search("PRINT*", null, false, false)).toEqual([]);
  });

  test("GLOB: * and ? match anything, [..] is a class, everything else is literal and anchored", () => {
    expect(globToRegExp("a*c").test("abbbc")).toBe(true);
    expect(globToRegExp("a?c").test("abc")).toBe(true);
    expect(globToRegExp("a?c").test("abbc")).toBe(false);
    expect(globToRegExp("[ab]x").test("bx")).toBe(true);
    expect(globToRegExp("1 + 1").test("1 + 1")).toBe(true);
    expect(globToRegExp("x.y").test("xzy")).toBe(false);
    expect(globToRegExp("b").test("abc")).toBe(false);
  });

  test("the file survives a torn last line, and the default lives in the Jupyter data dir", () => {
    const file = tmpFile();
    HistoryStore.open(file).add(1, "ok", null);
    writeFileSync(file, readFileSync(file, "utf8") + '{"s": 1, "l": 2, "i": "tor');
    const h = HistoryStore.open(file);
    expect(h.tail(5, false)).toEqual([[1, 1, "ok"]]);
    expect(defaultHistoryFile({ JUPYTER_DATA_DIR: "/data" })).toBe("/data/gradlab/history.jsonl");
    expect(defaultHistoryFile({ GRADLAB_HISTORY_FILE: ":memory:" })).toBeNull();
  });

  test("an unwritable history file falls back to memory with a log line", () => {
    const lines: string[] = [];
    const notADir = join(mkdtempSync(join(tmpdir(), "gradlab-hist-")), "file");
    writeFileSync(notADir, "");
    const h = HistoryStore.open(join(notADir, "history.jsonl"), (l) => lines.push(l));
    h.add(1, "still remembered", null);
    expect(h.tail(1, false)).toEqual([[1, 1, "still remembered"]]);
    expect(lines.join("\n")).toMatch(/keeping history in memory/);
  });
});
