/**
 * Issue 19's rows: the loopback network (interleave.net) in headless Chromium through the batch harness, against
 * this machine's python3 in the same bench run. Each program times itself with time.perf_counter() inside the
 * interpreter and prints JSON: a round trip between two threads and between two asyncio tasks, 10 MB through a
 * socket, and 1,000 connections opened and closed.
 */
import { PythonHarness } from "../lib/python/harness/node";
import { atMost, median, runNative, runTimed, spread, type BenchContext, type BenchModule, type Row } from "./lib";

const GROUP = "sockets";

const PROGRAMS = {
  // 2,000 one-byte ping-pongs between two threads over a socketpair: µs per round trip.
  threadsRoundTrip: `
import json, socket, threading, time
N = 2000
a, b = socket.socketpair()
def echo():
    for _ in range(N):
        b.sendall(b.recv(1))
t = threading.Thread(target=echo)
t.start()
t0 = time.perf_counter()
for _ in range(N):
    a.sendall(b"x")
    a.recv(1)
us = (time.perf_counter() - t0) / N * 1e6
t.join()
print(json.dumps({"v": us}))
`,
  // 1,000 request/response lines between an asyncio client and server task over TCP: µs per round trip.
  asyncioRoundTrip: `
import asyncio, json, time
N = 1000
RECORD
async def handle(reader, writer):
    while line := await reader.readline():
        writer.write(line)
        await writer.drain()
    writer.close()
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
    t0 = time.perf_counter()
    for _ in range(N):
        writer.write(b"ping\\n")
        await writer.drain()
        await reader.readline()
    us = (time.perf_counter() - t0) / N * 1e6
    writer.close()
    server.close()
    return us
print(json.dumps({"v": asyncio.run(main())}))
`,
  // 10 MB from one thread to another through TCP on 127.0.0.1, in 64 KB sends: ms.
  tenMegabytes: `
import json, socket, threading, time
data = b"x" * (64 * 1024)
server = socket.create_server(("127.0.0.1", 0))
def sink(out):
    conn, _ = server.accept()
    n = 0
    while chunk := conn.recv(256 * 1024):
        n += len(chunk)
    out.append(n)
out = []
t = threading.Thread(target=sink, args=(out,))
t.start()
t0 = time.perf_counter()
c = socket.create_connection(server.getsockname())
for _ in range(160):
    c.sendall(data)
c.close()
t.join()
ms = (time.perf_counter() - t0) * 1000
assert out[0] == 160 * 64 * 1024
print(json.dumps({"v": ms}))
`,
  // 1,000 connections to a server thread that accepts and closes each: ms for all of them.
  thousandConnections: `
import json, socket, threading, time
N = 1000
server = socket.create_server(("127.0.0.1", 0), backlog=128)
addr = server.getsockname()
def acceptor():
    for _ in range(N):
        conn, _ = server.accept()
        conn.close()
t = threading.Thread(target=acceptor)
t.start()
t0 = time.perf_counter()
for _ in range(N):
    c = socket.create_connection(addr)
    c.recv(1)
    c.close()
t.join()
print(json.dumps({"v": (time.perf_counter() - t0) * 1000}))
`,
} as const;

type Name = keyof typeof PROGRAMS;
const OFF = "import interleave.asyncio; interleave.asyncio.set_recording(False)";

function code(name: Name, native = false) {
  return PROGRAMS[name].replace("RECORD", native ? "" : OFF);
}

async function measure(h: PythonHarness, name: Name): Promise<number> {
  return (await runTimed<{ v: number }>(h, { code: code(name), filename: `${name}.py` })).v;
}

function native(name: Name): number {
  return runNative<{ v: number }>(name, code(name, true)).v;
}

export const sockets: BenchModule = {
  name: "sockets",
  needsSite: false,
  async run(ctx: BenchContext): Promise<Row[]> {
    const h = await PythonHarness.start();
    try {
      const n = Math.max(3, Math.ceil(ctx.trials / 2));
      const ours: Record<string, number[]> = {};
      const theirs: Record<string, number[]> = {};
      for (let i = 0; i < n; i++) {
        ctx.log(`sockets: round ${i + 1}/${n}`);
        for (const name of Object.keys(PROGRAMS) as Name[]) {
          (ours[name] ??= []).push(await measure(h, name));
          (theirs[name] ??= []).push(native(name));
        }
      }
      const row = (name: Name, label: string, unit: "ms" | "x", limit: number, what: string): Row => {
        const a = median(ours[name]!);
        const b = median(theirs[name]!);
        const ratio = a / b;
        const value = unit === "x" ? Math.round(ratio * 10) / 10 : Math.round(a);
        return {
          group: GROUP,
          name: label,
          value,
          unit,
          ...atMost(value, limit),
          note: `${a.toFixed(a < 100 ? 1 : 0)} ${what} vs python3 ${b.toFixed(b < 100 ? 1 : 0)} (${(ratio).toFixed(1)}x); ${spread(ours[name]!)}`,
        };
      };
      return [
        row("threadsRoundTrip", "loopback round trip between two threads (socketpair, 1 byte), vs native python3", "x", 10, "µs"),
        row("asyncioRoundTrip", "loopback round trip between two asyncio tasks (TCP streams, one line), vs native python3", "x", 10, "µs"),
        row("tenMegabytes", "10 MB through a TCP socket between two threads", "ms", 500, "ms"),
        row("thousandConnections", "1,000 TCP connections opened, accepted and closed", "ms", 2000, "ms"),
      ];
    } finally {
      await h.close();
    }
  },
};
