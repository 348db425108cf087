import { describe, expect, it } from "vitest";
import type { ProcToWorker } from "../protocol";
import { Pipes, type PipeHolder } from "./process-pipes";

const CHAN = 7;
const bytes = (text: string) => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
const text = (data: unknown) => new TextDecoder().decode(data as Uint8Array);

/** Two processes of a run: a writer (pid 1) and a reader (pid 2) whose replies are recorded. */
function setUp() {
  const replies: Extract<ProcToWorker, { type: "proc-reply" }>[] = [];
  const writer: PipeHolder = { pid: 1, state: "running", refs: new Map(), post: () => undefined };
  const reader: PipeHolder = {
    pid: 2,
    state: "running",
    refs: new Map(),
    post: (m) => {
      if (m.type === "proc-reply") replies.push(m as Extract<ProcToWorker, { type: "proc-reply" }>);
    },
  };
  const procs = new Map([
    [1, writer],
    [2, reader],
  ]);
  const pipes = new Pipes(procs, () => undefined);
  pipes.hold(writer, CHAN, "w");
  pipes.hold(reader, CHAN, "r");
  pipes.hold(writer, CHAN, "r"); // two processes hold the read end: no messages taken ahead
  const read = (req: number) => pipes.read(reader, { op: "read", req, chan: CHAN, timeoutMs: null, peek: false });
  const write = (m: string) => pipes.write(writer, { op: "write", chan: CHAN, data: bytes(m) });
  const answered = (req: number) => replies.filter((r) => r.req === req).map((r) => (r.data ? text(r.data) : r.interrupted ? "interrupted" : "?"));
  return { pipes, reader, read, write, answered };
}

describe("a read abandoned by its process (a signal's KeyboardInterrupt ended the wait)", () => {
  it("is forgotten while it waits: the next message goes to the next read", () => {
    const { pipes, reader, read, write, answered } = setUp();
    read(1);
    pipes.abandon(reader, { op: "abandon", req: 1, chan: CHAN });
    expect(answered(1)).toEqual(["interrupted"]);
    read(2);
    write("first");
    expect(answered(1)).toEqual(["interrupted"]);
    expect(answered(2)).toEqual(["first"]);
  });

  it("already answered: the channel is read by nobody until its message comes back, then in the old order", () => {
    const { pipes, reader, read, write, answered } = setUp();
    read(1);
    write("first"); // answers read 1, whose process has meanwhile given up on it
    pipes.abandon(reader, { op: "abandon", req: 1, chan: CHAN });
    read(2);
    write("second");
    expect(answered(2)).toEqual([]); // held: "second" must not overtake "first"
    pipes.unread(reader, { op: "unread", chan: CHAN, data: [bytes("first")], req: 1 });
    expect(answered(2)).toEqual(["first"]);
    read(3);
    expect(answered(3)).toEqual(["second"]);
  });

  it("already answered with nothing to give back (a timeout): the answer's return frees the channel", () => {
    const { pipes, reader, read, write, answered } = setUp();
    pipes.abandon(reader, { op: "abandon", req: 9, chan: CHAN }); // its answer is gone already
    read(2);
    write("first");
    expect(answered(2)).toEqual([]);
    pipes.unread(reader, { op: "unread", chan: CHAN, data: [], req: 9 });
    expect(answered(2)).toEqual(["first"]);
  });

  it("a process that ends lets go of the channels it held", () => {
    const { pipes, reader, write } = setUp();
    pipes.abandon(reader, { op: "abandon", req: 4, chan: CHAN });
    const other: PipeHolder & { got: string[] } = { pid: 3, state: "running", refs: new Map(), got: [], post: (m) => m.type === "proc-reply" && m.data && other.got.push(text(m.data)) };
    write("first");
    reader.state = "exited";
    pipes.release(reader);
    pipes.read(other, { op: "read", req: 1, chan: CHAN, timeoutMs: null, peek: false });
    expect(other.got).toEqual(["first"]);
  });
});
