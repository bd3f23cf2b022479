/**
 * display()'s types under a strict tsconfig, checked by the TypeScript compiler itself: with
 * `{display_id}` it returns a DisplayHandle (so `display(x, {display_id: true}).update(y)`, the
 * README's idiom, compiles), without one `DisplayHandle | undefined`.
 */
import { join } from "node:path";
import { typeErrors } from "../support/typecheck.js";
import { describe, expect, test } from "vitest";
import { ROOT } from "./build_kernel.js";

const diagnostics = (code: string): string[] =>
  typeErrors(join(ROOT, "test", "kernel", "__display_types_check__.ts"), { code });

const IMPORT = `import { clear_output, display, type DisplayHandle } from "../../kernel/display/display.js";\n`;

describe("display()'s types", () => {
  test("with {display_id} display() and display.html() etc. return a DisplayHandle; without, maybe undefined", () => {
    const errors = diagnostics(
      IMPORT +
        `
        const h: DisplayHandle = display(1, { display_id: true });
        display("0%", { display_id: true }).update("100%");
        display(1, 2, { display_id: "mine" }).display(3);
        display.html("<b>0</b>", { display_id: true }).update("<b>1</b>");
        display.png(new Uint8Array(4), { display_id: true, width: 3 }).update(new Uint8Array(4));
        const maybe: DisplayHandle | undefined = display(1);
        // @ts-expect-error no display_id: no handle promised
        const no: DisplayHandle = display(1);
        // @ts-expect-error no display_id: no handle promised
        display.markdown("# x").update("# y");
        clear_output({ wait: true });
        clear_output(true);
        clear_output();
        void h; void maybe; void no;
        `,
    );
    expect(errors).toEqual([]);
  }, 60_000);
});
