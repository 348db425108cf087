import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, checkActionRequest } from "./action-request";

const post = (body: BodyInit, type?: string) => new Request("http://127.0.0.1/x", { method: "POST", body, headers: type ? { "content-type": type } : {} });

describe("server action requests", () => {
  it("lets through what React's client sends", async () => {
    expect(await checkActionRequest(post('["$K1"]', "text/plain;charset=UTF-8"))).toBeNull();
    const form = new FormData();
    form.set("1_email", "a@b.c");
    form.set("0", '[null,"$K1"]');
    expect(await checkActionRequest(post(form))).toBeNull();
  });

  it("refuses other shapes with a 4xx and a reason", async () => {
    expect(await checkActionRequest(post('{"a":1}', "text/plain"))).toMatchObject({ status: 400, message: expect.stringMatching(/JSON array/) });
    expect(await checkActionRequest(post('["x"', "text/plain"))).toMatchObject({ status: 400, message: expect.stringMatching(/not valid JSON/) });
    expect(await checkActionRequest(post("--x\r\nbroken", "multipart/form-data; boundary=x"))).toMatchObject({ status: 400 });
    const noArgs = new FormData();
    noArgs.set("1", "x");
    expect(await checkActionRequest(post(noArgs))).toMatchObject({ status: 400, message: expect.stringMatching(/no argument list/) });
    expect(await checkActionRequest(post("[]", "application/json"))).toMatchObject({ status: 415 });
    expect(await checkActionRequest(post(new Uint8Array([91, 93])))).toMatchObject({ status: 415 });
    expect(await checkActionRequest(post(`["${"x".repeat(ACTION_BODY_LIMIT)}"]`, "text/plain"))).toMatchObject({ status: 413 });
  });
});
