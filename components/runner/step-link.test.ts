import { describe, expect, it } from "vitest";
import { readStepFragment, stepFragment, stepUrl } from "./step-link";

describe("step links", () => {
  it("round-trip a runner, a schedule, a step and edited code (any Unicode)", () => {
    const link = { runnerId: "shared-state/race-conditions:race.py", schedule: "1x2,0x3,2", step: 22, code: "print('héllo ✓')\n# ünïcode\n" };
    const url = stepUrl("http://localhost:3000/learn/shared-state/race-conditions#objectives", link);
    expect(url.startsWith("http://localhost:3000/learn/shared-state/race-conditions#step=")).toBe(true);
    expect(url).not.toContain("#objectives");
    expect(readStepFragment(new URL(url).hash)).toEqual(link);
    expect(readStepFragment(stepFragment({ runnerId: "a:b.py", schedule: "", step: 0 }))).toEqual({ runnerId: "a:b.py", schedule: "", step: 0 });
  });

  it("refuse fragments that are not step links or do not hold together", () => {
    expect(readStepFragment("#objectives")).toBeNull();
    expect(readStepFragment("")).toBeNull();
    expect(readStepFragment("#step=a%3Ab.py&s=1x0&n=3")).toBeNull(); // a count of 0
    expect(readStepFragment("#step=a%3Ab.py&s=banana&n=3")).toBeNull();
    expect(readStepFragment("#step=a%3Ab.py&s=1&n=-1")).toBeNull();
    expect(readStepFragment("#step=a%3Ab.py&s=1&n=99999999999")).toBeNull();
    expect(readStepFragment("#step=a%3Ab.py&s=1&n=2&code=%25%25%25")).toBeNull(); // not base64url
    expect(readStepFragment("#step=a%3Ab.py&s=1&n=2&code=_w")).toBeNull(); // not UTF-8
    expect(readStepFragment(`#step=${"x".repeat(400)}&s=&n=0`)).toBeNull();
  });
});
