import { describe, expect, it } from "vitest";
import { readStepFragment, stepFragment, stepUrl } from "./step-link";

describe("step links", () => {
  it("round-trip a runner, a schedule with its model, a step, the unit and edited code (any Unicode)", () => {
    const link = { runnerId: "shared-state/race-conditions:race.py", schedule: "gil:1x2,0x3,2", step: 22, unit: "line" as const, code: "print('héllo ✓')\n# ünïcode\n" };
    const url = stepUrl("http://localhost:3000/learn/shared-state/race-conditions#objectives", link);
    expect(url.startsWith("http://localhost:3000/learn/shared-state/race-conditions#step=")).toBe(true);
    expect(url).not.toContain("#objectives");
    expect(readStepFragment(new URL(url).hash)).toEqual(link);
    expect(readStepFragment(stepFragment({ runnerId: "a:b.py", schedule: "", step: 0, unit: "line" }))).toEqual({ runnerId: "a:b.py", schedule: "", step: 0, unit: "line" });
    const bytecode = { runnerId: "a:b.py", schedule: "ft:1x7,0", step: 40, unit: "instruction" as const };
    expect(stepFragment(bytecode)).toContain("u=instruction");
    expect(readStepFragment(stepFragment(bytecode))).toEqual(bytecode);
  });

  it("refuse fragments that are not step links or do not hold together", () => {
    expect(readStepFragment("#objectives")).toBeNull();
    expect(readStepFragment("")).toBeNull();
    expect(readStepFragment("#step=a%3Ab.py&s=1x0&n=3")).toBeNull(); // a count of 0
    expect(readStepFragment("#step=a%3Ab.py&s=banana&n=3")).toBeNull();
    expect(readStepFragment("#step=a%3Ab.py&s=nogil%3A1&n=3")).toBeNull(); // an unknown model
    expect(readStepFragment("#step=a%3Ab.py&s=1&n=3&u=word")).toBeNull(); // an unknown unit
    expect(readStepFragment("#step=a%3Ab.py&s=1&n=-1")).toBeNull();
    expect(readStepFragment("#step=a%3Ab.py&s=1&n=99999999999")).toBeNull();
    expect(readStepFragment("#step=a%3Ab.py&s=1&n=2&code=%25%25%25")).toBeNull(); // not base64url
    expect(readStepFragment("#step=a%3Ab.py&s=1&n=2&code=_w")).toBeNull(); // not UTF-8
    expect(readStepFragment(`#step=${"x".repeat(400)}&s=&n=0`)).toBeNull();
  });
});
