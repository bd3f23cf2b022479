/**
 * IPython's prompts and output layout in a terminal:
 *
 *   In [2]: x                      input prompt (green, number bold), `   ...: ` continuation
 *   Out[2]: tensor([0., 1.])       result (red, number bold)
 *   Out[3]:                        a result of several lines starts on its own line, as
 *   tensor([[1., 1.],              IPython's displayhook puts it, so its columns line up
 *           [1., 1.]])
 *
 * Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org).
 */
import type { PromptStyle } from "./line_editor.js";

export function useColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** `In [n]: ` and its continuation `   ...: `, right-aligned to the same width. */
export function inPrompt(n: number, colour: boolean): PromptStyle {
  const width = `In [${n}]: `.length;
  const dots = " ".repeat(width - 5) + "...: ";
  return {
    first: paint(colour, "32", "In [") + paint(colour, "92;1", String(n)) + paint(colour, "32", "]: "),
    continuation: paint(colour, "32", dots),
    width,
  };
}

/** `Out[n]: value`, the value on its own line when it has several. */
export function outText(n: number, text: string, colour: boolean): string {
  const prompt = paint(colour, "31", "Out[") + paint(colour, "91;1", String(n)) + paint(colour, "31", "]: ");
  return prompt + (text.includes("\n") ? "\n" : "") + text + "\n";
}

/** An error as IPython prints it in a terminal: the traceback's parts, one after another. */
export function errorText(traceback: string[], ename: string, evalue: string, colour: boolean): string {
  const tb = traceback.length ? traceback.join("\n") : `${ename}: ${evalue}`;
  const plain = colour ? tb : tb.replace(/\x1b\[[0-9;]*m/g, "");
  return plain.endsWith("\n") ? plain : plain + "\n";
}
