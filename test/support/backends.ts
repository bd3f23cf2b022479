/**
 * Backend parametrisation for conformance suites (as tfjs's describeWithFlags): `describeBackends`
 * runs a block once per backend, with that backend active. Which backends: GRADLAB_BACKEND when set
 * (`GRADLAB_BACKEND=native npx vitest run test/golden`), else every registered backend that loads
 * here. A backend registered in engine/backend/index.ts is picked up with no change to the tests.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { available_backends, set_backend } from "../../engine/backend/index.js";
import type { ResolvedBackend } from "../../engine/backend/index.js";

export function testBackends(): string[] {
  const wanted = process.env.GRADLAB_BACKEND;
  return wanted ? [wanted] : available_backends();
}

/** `describe(title [backend], body)` for each backend under test, with that backend active inside. */
export function describeBackends(title: string, body: (backend: string) => void): void {
  for (const name of testBackends()) {
    describe(`${title} [${name} backend]`, () => {
      let previous: ResolvedBackend;
      beforeAll(() => {
        previous = set_backend(name);
      });
      afterAll(() => {
        set_backend(previous);
      });
      body(name);
    });
  }
}
