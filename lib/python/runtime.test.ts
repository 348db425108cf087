/**
 * The in-browser runtime against this machine's python3: the same programs, the same output and exit codes.
 * One headless Chromium and one warm worker serve every program in this file.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PythonHarness } from "./harness/node";

let harness: PythonHarness;
beforeAll(async () => {
  harness = await PythonHarness.start();
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "interleave-py-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function python3(code: string, stdin = "", filename = "main.py") {
  const file = path.join(tmp, filename);
  fs.writeFileSync(file, code);
  const r = spawnSync("python3", [filename], { cwd: tmp, input: stdin, encoding: "utf8" });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? 1 };
}

async function both(code: string, stdin: string[] = []) {
  const ours = await harness.run({ code, filename: "main.py", stdin });
  const theirs = python3(code, stdin.map((l) => `${l}\n`).join(""));
  return { ours: { stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.result.exitCode, result: ours.result }, theirs };
}

const lastLine = (s: string) => s.trimEnd().split("\n").at(-1);

describe("programs behave as with python3", () => {
  it("prints output and exits 0", async () => {
    const { ours, theirs } = await both('import sys\nprint("hello", 6 * 7)\nprint("to stderr", file=sys.stderr)\nfor i in range(3):\n    print(i, end=" ")\nprint()\n');
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.exitCode).toBe(0);
  });

  it("reads input()", async () => {
    const code = 'name = input("Name? ")\nage = int(input())\nprint(f"{name} is {age}")\n';
    const { ours, theirs } = await both(code, ["Ada", "36"]);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toBe("Name? Ada is 36\n");
  });

  it("raises EOFError when input runs out", async () => {
    const { ours, theirs } = await both("input()\n");
    expect(lastLine(ours.stderr)).toBe(lastLine(theirs.stderr));
    expect(ours.exitCode).toBe(theirs.exitCode);
  });

  it("prints a traceback of the learner's code and exits 1 on an uncaught exception", async () => {
    const code = 'def divide(a, b):\n    return a / b\n\nprint("before")\ndivide(1, 0)\n';
    const { ours, theirs } = await both(code);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.exitCode).toBe(1);
    expect(theirs.exitCode).toBe(1);
    expect(lastLine(ours.stderr)).toBe("ZeroDivisionError: division by zero");
    expect(lastLine(ours.stderr)).toBe(lastLine(theirs.stderr));
    expect(ours.stderr).toMatch(/^Traceback \(most recent call last\):\n  File "main.py", line 5, in <module>/);
    expect(ours.stderr).not.toMatch(/interleave|runner\.py|pyodide/);
    expect(ours.result.error).toMatchObject({ type: "ZeroDivisionError", line: 2 });
  });

  it("reports syntax errors like CPython", async () => {
    const { ours, theirs } = await both("print('unclosed'\n");
    expect(lastLine(ours.stderr)).toBe(lastLine(theirs.stderr));
    expect(ours.exitCode).toBe(1);
  });

  it("uses sys.exit's code and message", async () => {
    const three = await both('print("bye")\nimport sys\nsys.exit(3)\n');
    expect(three.ours.exitCode).toBe(3);
    expect(three.theirs.exitCode).toBe(3);
    const message = await both('raise SystemExit("fatal: no config")\n');
    expect(message.ours.stderr).toBe(message.theirs.stderr);
    expect(message.ours.exitCode).toBe(message.theirs.exitCode);
  });

  it("starts every run clean: no globals, modules or sys settings leak", async () => {
    await harness.run({ code: "import sys\nleak = 1\nsys.setrecursionlimit(77)\n", files: { "helper.py": "VALUE = 1\n" } });
    const next = await harness.run({
      code: 'import sys\nprint("leak" in globals(), sys.getrecursionlimit() == 77, "helper" in sys.modules)\n',
    });
    expect(next.stdout).toBe("False False False\n");
  });

  it("imports a helper module written next to the program", async () => {
    const r = await harness.run({ code: "import helper\nprint(helper.twice(21))\n", files: { "helper.py": "def twice(x):\n    return 2 * x\n" } });
    expect(r.stdout).toBe("42\n");
  });
});

describe("Stop", () => {
  it("raises KeyboardInterrupt in a busy loop, and a program may catch it", async () => {
    const code = 'try:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print("caught")\n';
    const running = harness.run({ code });
    await new Promise((r) => setTimeout(r, 300));
    await harness.stop();
    const r = await running;
    expect(r.stdout).toBe("caught\n");
    expect(r.result.status).toBe("ok");
  });

  it("ends an uncaught interrupt with status interrupted and a non-zero exit code, as python3 does", async () => {
    const running = harness.run({ code: "while True:\n    pass\n" });
    await new Promise((r) => setTimeout(r, 300));
    await harness.stop();
    const r = await running;
    expect(r.result.status).toBe("interrupted");
    expect(r.result.exitCode).toBe(130);
    expect(lastLine(r.stderr)).toBe("KeyboardInterrupt");
  });
});

describe("npm run py", () => {
  it("behaves like python3 FILE.py: stdout, stdin, stderr and exit code", () => {
    const file = path.join(tmp, "cli.py");
    fs.writeFileSync(file, 'import sys\nline = input()\nprint("got", line)\nprint("warn", file=sys.stderr)\nsys.exit(3)\n');
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const ours = spawnSync(tsx, ["scripts/py.ts", file], { input: "hello\n", encoding: "utf8", timeout: 90_000 });
    const theirs = spawnSync("python3", [file], { input: "hello\n", encoding: "utf8" });
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.status).toBe(3);
    expect(theirs.status).toBe(3);
  }, 120_000);

  it("turns --interrupt-after into KeyboardInterrupt", () => {
    const file = path.join(tmp, "loop.py");
    fs.writeFileSync(file, 'try:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print("interrupted cleanly")\n');
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const out = execFileSync(tsx, ["scripts/py.ts", file, "--interrupt-after", "500"], { encoding: "utf8", timeout: 90_000 });
    expect(out).toBe("interrupted cleanly\n");
  }, 120_000);
});
