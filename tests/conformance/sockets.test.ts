/**
 * Sockets in headless Chromium, through the site's own runtime (one browser, one warm worker; children on spare
 * workers): every program in tests/conformance/sockets/ and tests/conformance/servers/ must give python3's verdict
 * on this machine (see sockets-spec.ts). Also: nothing leaves the browser (names, other addresses, a real server on
 * this machine's 127.0.0.1, Pyodide's own socket emulation), Stop during accept() or recv() ends the run as Ctrl+C
 * does, and the pictures show socket waits as waits.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastAsyncioTrace } from "../../lib/python/traces/asyncio";
import { lastThreadsTrace } from "../../lib/python/traces/threads";
import { conformsToPython3, expectEndedLikeCtrlC, sharedHarness, stopWhenPrinted } from "./shared-harness";
import { judgeSockets, loadSocketPrograms, runPython3, SERVERS_DIR } from "./sockets-spec";

const harness = sharedHarness();

const sockets = loadSocketPrograms();
const servers = loadSocketPrograms(SERVERS_DIR);

for (const [title, programs, minimum] of [
  ["socket programs behave as on CPython", sockets, 30],
  ["server programs adapted from textbooks behave as on CPython", servers, 10],
] as const) {
  conformsToPython3(harness, { title, programs, minimum, python3: (program) => runPython3(program, 30_000), judge: judgeSockets, together: true });
}

describe("nothing leaves the browser", () => {
  // A real server on this machine's loopback: the browser's loopback is another one, so nothing may reach it.
  let trap: net.Server;
  let trapPort = 0;
  let trapHits = 0;
  beforeAll(async () => {
    trap = net.createServer((conn) => {
      trapHits += 1;
      conn.destroy();
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
    trapPort = (trap.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => trap.close(() => resolve()));
  });

  it("fails at once for names and other addresses, as a machine without network does", async () => {
    const code = `
import socket, time, urllib.request
PORT = ${trapPort}
def attempt(label, fn):
    start = time.monotonic()
    try:
        fn()
        print(label, "CONNECTED")
    except OSError as e:
        print(label, type(e).__name__, e, "at once" if time.monotonic() - start < 1 else "slowly")
attempt("name", lambda: socket.create_connection(("example.com", 80)))
attempt("gethostbyname", lambda: socket.gethostbyname("pypi.org"))
attempt("getaddrinfo", lambda: socket.getaddrinfo("www.python.org", 443))
attempt("private", lambda: socket.create_connection(("10.0.0.1", 80), timeout=30))
attempt("public", lambda: socket.socket().connect(("93.184.216.34", 80)))
attempt("ipv6", lambda: socket.socket(socket.AF_INET6).connect(("2606:4700::1", 80)))
attempt("udp", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("8.8.8.8", 53)))
attempt("bind", lambda: socket.socket().bind(("192.168.1.2", 0)))
attempt("this machine's port", lambda: socket.create_connection(("127.0.0.1", PORT)))
attempt("urllib", lambda: urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=5))
real = socket.inet_aton.__self__  # Pyodide's own _socket (Emscripten's socket emulation)
attempt("Pyodide's _socket", lambda: real.socket().connect(("127.0.0.1", PORT)))
def emscripten_send():
    s = real.socket(real.AF_INET, real.SOCK_STREAM)
    s.setblocking(False)
    try:
        s.connect(("127.0.0.1", PORT))
    except BlockingIOError:
        pass
    time.sleep(0.3)
    s.send(b"GET / HTTP/1.0\\r\\n\\r\\n")
attempt("Pyodide's _socket, non-blocking", emscripten_send)
`;
    const r = await harness().run({ code, filename: "main.py", timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.stdout).not.toContain("CONNECTED");
    expect(r.stdout).toContain("name gaierror [Errno -3] Temporary failure in name resolution at once");
    expect(r.stdout).toContain("gethostbyname gaierror [Errno -3] Temporary failure in name resolution at once");
    expect(r.stdout).toContain("getaddrinfo gaierror [Errno -3] Temporary failure in name resolution at once");
    expect(r.stdout).toContain("private OSError [Errno 101] Network is unreachable at once");
    expect(r.stdout).toContain("public OSError [Errno 101] Network is unreachable at once");
    expect(r.stdout).toContain("ipv6 OSError [Errno 101] Network is unreachable at once");
    expect(r.stdout).toContain("udp OSError [Errno 101] Network is unreachable at once");
    expect(r.stdout).toContain("bind OSError [Errno 99] Cannot assign requested address at once");
    expect(r.stdout).toContain("this machine's port ConnectionRefusedError [Errno 111] Connection refused at once");
    expect(r.stdout).toMatch(/urllib URLError <urlopen error \[Errno 111\] Connection refused> at once/);
    expect(r.stdout).toMatch(/Pyodide's _socket \w*Error/);
    expect(r.stdout).toMatch(/Pyodide's _socket, non-blocking \w*Error/);
    expect(trapHits).toBe(0);
    expect(r.result.status).toBe("ok");
  }, 90_000);
});

describe("Stop", () => {
  it("during accept() ends the run like Ctrl+C", async () => {
    const code = [
      "import socket",
      "server = socket.create_server(('127.0.0.1', 0))",
      "print('waiting for a connection', flush=True)",
      "conn, addr = server.accept()",
      "print('never')",
    ].join("\n");
    const run = await stopWhenPrinted(harness, code, "waiting");
    expectEndedLikeCtrlC(run, /line 4, in <module>[\s\S]*KeyboardInterrupt\s*$/);
    expect(run.stdout).toBe("waiting for a connection\n");
  }, 60_000);

  it("during recv() ends the run like Ctrl+C", async () => {
    const code = [
      "import socket, threading, time",
      "server = socket.create_server(('127.0.0.1', 0))",
      "def slow_server():",
      "    conn, _ = server.accept()",
      "    time.sleep(60)",
      "    conn.sendall(b'late')",
      "threading.Thread(target=slow_server, daemon=True).start()",
      "c = socket.create_connection(server.getsockname())",
      "print('waiting for data', flush=True)",
      "c.recv(100)",
    ].join("\n");
    const run = await stopWhenPrinted(harness, code, "waiting");
    expectEndedLikeCtrlC(run, /line 10, in <module>[\s\S]*KeyboardInterrupt\s*$/);
  }, 60_000);

  it("during socketserver's serve_forever() and asyncio's serve_forever()", async () => {
    const threaded = [
      "import socketserver",
      "class H(socketserver.BaseRequestHandler):",
      "    def handle(self): pass",
      "with socketserver.TCPServer(('127.0.0.1', 0), H) as s:",
      "    print('serving', flush=True)",
      "    s.serve_forever()",
    ].join("\n");
    const a = await stopWhenPrinted(harness, threaded, "serving");
    expectEndedLikeCtrlC(a);
    const asyncio = [
      "import asyncio",
      "async def handle(r, w): w.close()",
      "async def main():",
      "    server = await asyncio.start_server(handle, '127.0.0.1', 0)",
      "    async with server:",
      "        print('serving', flush=True)",
      "        try:",
      "            await server.serve_forever()",
      "        except asyncio.CancelledError:",
      "            print('cancelled', flush=True)",
      "            raise",
      "asyncio.run(main())",
    ].join("\n");
    const b = await stopWhenPrinted(harness, asyncio, "serving");
    expectEndedLikeCtrlC(b);
    expect(b.stdout).toBe("serving\ncancelled\n");
  }, 60_000);

  it("a wait that only the program itself could end is reported as a deadlock, as blocked locks are", async () => {
    const code = ["import socket", "a, b = socket.socketpair()", "a.recv(1)"].join("\n");
    const run = await harness().run({ code, filename: "main.py", timeoutMs: 30_000 });
    expect(run.result.status).toBe("deadlock");
    expect(run.stderr).toContain("MainThread waits for a.recv() to return");
  }, 60_000);
});

describe("pictures", () => {
  it("the thread timeline shows a thread waiting on a socket as blocked, on that call", async () => {
    const code = [
      "import socket, threading, time",
      "a, b = socket.socketpair()",
      "def sender():",
      "    time.sleep(0.2)",
      "    b.sendall(b'ping')",
      "t = threading.Thread(target=sender)",
      "t.start()",
      "print(a.recv(10))",
      "t.join()",
    ].join("\n");
    const run = await harness().run({ code, filename: "main.py", timeoutMs: 30_000 });
    expect(run.stdout).toBe("b'ping'\n");
    const trace = lastThreadsTrace(run.events.flatMap((e) => (e.kind === "trace" ? [e] : [])));
    const main = trace!.threads.find((t) => t.main)!;
    const waits = main.segments.filter((s) => s.state === "blocked" && s.on === "a.recv()");
    expect(waits.length).toBe(1);
    expect(waits[0]!.end - waits[0]!.start).toBeGreaterThan(150);
    expect(main.totals.running).toBeLessThan(150);
  }, 60_000);

  it("the event-loop picture shows a task waiting on a socket's readiness", async () => {
    const code = [
      "import asyncio",
      "async def handle(reader, writer):",
      "    await asyncio.sleep(0.05)",
      "    writer.write(b'hi\\n')",
      "    await writer.drain()",
      "    writer.close()",
      "async def main():",
      "    server = await asyncio.start_server(handle, '127.0.0.1', 0)",
      "    reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname())",
      "    print(await reader.readline())",
      "    writer.close()",
      "    server.close()",
      "asyncio.run(main())",
    ].join("\n");
    const run = await harness().run({ code, filename: "main.py", timeoutMs: 30_000 });
    expect(run.stdout).toBe("b'hi\\n'\n");
    const trace = lastAsyncioTrace(run.events.flatMap((e) => (e.kind === "trace" ? [e] : [])));
    const waits = trace!.steps.flatMap((s) => s.ran).filter((r) => r.on?.kind === "socket");
    expect(waits.some((r) => r.task === 1 && r.on?.label === "reader.readline()" && r.line === 10)).toBe(true);
    expect(trace!.steps.flatMap((s) => s.ran).some((r) => r.task === 0 && r.label.startsWith("socket readable"))).toBe(true);
  }, 60_000);
});
