/**
 * HMAC signing of wire messages: the signature is the hex digest over the four JSON frames
 * (header, parent_header, metadata, content), keyed with the connection file's key. An empty
 * key disables signing, as in jupyter_client.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface Signer {
  readonly enabled: boolean;
  sign(frames: readonly Uint8Array[]): string;
  verify(signature: string, frames: readonly Uint8Array[]): boolean;
}

const SCHEMES: Record<string, string> = {
  "hmac-sha256": "sha256",
  "hmac-sha512": "sha512",
  "hmac-sha1": "sha1",
  "hmac-md5": "md5",
};

export function createSigner(scheme: string, key: string): Signer {
  if (!key) {
    return { enabled: false, sign: () => "", verify: () => true };
  }
  const algorithm = SCHEMES[scheme];
  if (!algorithm)
    throw new Error(`unsupported signature_scheme '${scheme}' (supported: ${Object.keys(SCHEMES).join(", ")})`);
  const sign = (frames: readonly Uint8Array[]): string => {
    const hmac = createHmac(algorithm, key);
    for (const f of frames) hmac.update(f);
    return hmac.digest("hex");
  };
  return {
    enabled: true,
    sign,
    verify(signature, frames) {
      const expected = Buffer.from(sign(frames), "utf8");
      const got = Buffer.from(signature, "utf8");
      return got.length === expected.length && timingSafeEqual(got, expected);
    },
  };
}
