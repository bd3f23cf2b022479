import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { endpoint, readConnectionFile, type ConnectionInfo } from "../../kernel/protocol/connection.js";
import { MessageFactory, replyType } from "../../kernel/protocol/messages.js";
import { createSigner } from "../../kernel/protocol/signing.js";
import { decode, DELIMITER, encode } from "../../kernel/protocol/wire.js";

const signer = createSigner("hmac-sha256", "secret-key");
const factory = new MessageFactory();

describe("wire frames", () => {
  test("encode then decode gives the message back, with every identity frame before <IDS|MSG>", () => {
    const msg = factory.message("execute_request", { code: "1 + 1" }, null, { m: 1 });
    msg.buffers = [Buffer.from([1, 2, 3])];
    const frames = encode(msg, signer, [Buffer.from("id-1"), Buffer.from("id-2")]);
    expect(frames[2]).toEqual(DELIMITER);
    const d = decode(frames, signer);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.msg.idents.map(String)).toEqual(["id-1", "id-2"]);
    expect(d.msg.header).toEqual(msg.header);
    expect(d.msg.content).toEqual({ code: "1 + 1" });
    expect(d.msg.metadata).toEqual({ m: 1 });
    expect(d.msg.buffers[0]).toEqual(Buffer.from([1, 2, 3]));
  });

  test("a large content frame (several MB, multi-byte characters) is exactly its UTF-8 JSON, signed as such", async () => {
    const { createHmac } = await import("node:crypto");
    const text = "é€😀x".repeat(300_000);
    const frames = encode(factory.message("stream", { name: "stdout", text }, null), signer);
    const json = JSON.stringify({ name: "stdout", text });
    expect(frames[5]!.length).toBe(Buffer.byteLength(json));
    expect(frames[5]!.equals(Buffer.from(json))).toBe(true);
    const expected = createHmac("sha256", "secret-key");
    for (const f of frames.slice(2, 6)) expected.update(f);
    expect(frames[1]!.toString()).toBe(expected.digest("hex"));
    const d = decode(frames, signer);
    expect(d.ok && (d.msg.content as { text: string }).text === text).toBe(true);
  });

  test("the signature is HMAC-SHA256 over header, parent, metadata and content, in hex", async () => {
    const { createHmac } = await import("node:crypto");
    const frames = encode(factory.message("kernel_info_request", {}, null), signer);
    const expected = createHmac("sha256", "secret-key");
    for (const f of frames.slice(2, 6)) expected.update(f);
    expect(frames[1]!.toString()).toBe(expected.digest("hex"));
  });

  test("a message with a bad signature is refused", () => {
    const frames = encode(factory.message("kernel_info_request", {}, null), signer);
    frames[1] = Buffer.from("0".repeat(64));
    expect(decode(frames, signer)).toMatchObject({ ok: false, reason: "invalid signature" });
  });

  test("a message without a signature is refused when the connection has a key", () => {
    const frames = encode(factory.message("kernel_info_request", {}, null), signer);
    frames[1] = Buffer.alloc(0);
    expect(decode(frames, signer)).toMatchObject({ ok: false, reason: "missing signature" });
  });

  test("malformed JSON is refused even when it is correctly signed", () => {
    const frames = encode(factory.message("kernel_info_request", {}, null), signer);
    frames[5] = Buffer.from("{not json");
    frames[1] = Buffer.from(signer.sign(frames.slice(2, 6)));
    const d = decode(frames, signer);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/malformed JSON/);
  });

  test("frames without the delimiter, or too few after it, are refused", () => {
    expect(decode([Buffer.from("x")], signer)).toMatchObject({ ok: false, reason: "no <IDS|MSG> delimiter" });
    expect(decode([DELIMITER, Buffer.from("sig")], signer).ok).toBe(false);
  });

  test("an empty key turns signing off, as in jupyter_client", () => {
    const off = createSigner("hmac-sha256", "");
    const frames = encode(factory.message("kernel_info_request", {}, null), off);
    expect(frames[1]!.length).toBe(0);
    expect(decode(frames, off).ok).toBe(true);
  });

  test("an unknown signature scheme is an error, not silently unsigned", () => {
    expect(() => createSigner("hmac-whirlpool", "k")).toThrow(/unsupported signature_scheme/);
  });
});

describe("messages", () => {
  test("every message gets a fresh msg_id, the kernel's session, a date and version 5.3", () => {
    const a = factory.message("status", { execution_state: "busy" }, null);
    const b = factory.message("status", { execution_state: "idle" }, a.header);
    expect(a.header.msg_id).not.toBe(b.header.msg_id);
    expect(a.header.session).toBe(factory.session);
    expect(a.header.version).toBe("5.3");
    expect(Date.parse(a.header.date)).not.toBeNaN();
    expect(b.parent_header).toEqual(a.header);
    expect(a.parent_header).toEqual({});
  });

  test("each request type has its reply type", () => {
    expect(replyType("execute_request")).toBe("execute_reply");
    expect(replyType("kernel_info_request")).toBe("kernel_info_reply");
  });
});

describe("connection files", () => {
  const info = (over: Partial<ConnectionInfo>): ConnectionInfo => ({
    transport: "tcp",
    ip: "127.0.0.1",
    shell_port: 1,
    control_port: 2,
    stdin_port: 3,
    iopub_port: 4,
    hb_port: 5,
    signature_scheme: "hmac-sha256",
    key: "k",
    ...over,
  });

  test("endpoints follow jupyter_client: tcp host:port, ipc <ip>-<port>, IPv6 in brackets", () => {
    expect(endpoint(info({}), "shell")).toBe("tcp://127.0.0.1:1");
    expect(endpoint(info({ transport: "ipc", ip: "/tmp/kernel-x" }), "hb")).toBe("ipc:///tmp/kernel-x-5");
    expect(endpoint(info({ ip: "::1" }), "iopub")).toBe("tcp://[::1]:4");
  });

  test("a connection file is read with jupyter_client's defaults, and an unknown transport is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "gradlab-conn-"));
    const file = join(dir, "k.json");
    writeFileSync(
      file,
      JSON.stringify({ shell_port: 10, iopub_port: 11, stdin_port: 12, control_port: 13, hb_port: 14, key: "abc" }),
    );
    expect(readConnectionFile(file)).toMatchObject({
      transport: "tcp",
      ip: "127.0.0.1",
      signature_scheme: "hmac-sha256",
      shell_port: 10,
      key: "abc",
    });
    writeFileSync(file, JSON.stringify({ transport: "udp" }));
    expect(() => readConnectionFile(file)).toThrow(/unsupported transport 'udp'/);
  });
});
