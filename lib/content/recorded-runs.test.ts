/**
 * Every example of the course has its run recorded for browsers that cannot run it (lib/python/recorded-run.ts), and
 * no recording is stale: each one belongs to an example as it is now (its key is the hash of the program), and its
 * pictures still parse under today's trace schemas. `npm run content:check` re-records what this finds missing.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RecordingFileSchema, recordingKey, unreadableTraces } from "@/lib/python/recorded-run";
import { compileLesson } from "./compile";
import { loadCourse } from "./discover";
import { RECORDING_FILE, recordingFilePath } from "./recordings";

const FIX = "run `npm run content:check` (it records what is missing or outdated) and commit the lesson's recorded-runs.json";

describe("recorded runs", () => {
  const lessons = loadCourse().lessons;

  it.each(lessons.map((l) => [l.id, l] as const))("%s: every example's run is recorded, and nothing else", async (_id, lesson) => {
    const { manifest } = await compileLesson(lesson.file);
    const wanted = new Map<string, string>();
    for (const example of manifest.examples) {
      wanted.set(await recordingKey({ filename: example.filename, code: example.code, stdin: example.presetStdin, model: example.model }), example.filename);
    }
    const file = recordingFilePath(lesson.file);
    if (wanted.size === 0) {
      expect(fs.existsSync(file), `${path.relative(process.cwd(), file)} belongs to no example: ${FIX}`).toBe(false);
      return;
    }
    expect(fs.existsSync(file), `${lesson.id} has no ${RECORDING_FILE}: ${FIX}`).toBe(true);
    const parsed = RecordingFileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    expect(parsed.success ? null : parsed.error.message, `${path.relative(process.cwd(), file)} is not a recording file: ${FIX}`).toBeNull();
    const runs = parsed.success ? parsed.data.runs : {};
    const missing = [...wanted].filter(([key]) => !runs[key]).map(([, name]) => name);
    expect(missing, `examples of ${lesson.id} changed or new since their runs were recorded: ${FIX}`).toEqual([]);
    const orphans = Object.values(runs).filter((r) => !wanted.has(r.key)).map((r) => r.filename);
    expect(orphans, `recordings of ${lesson.id} of programs that are no longer its examples: ${FIX}`).toEqual([]);
    for (const [key, run] of Object.entries(runs)) {
      expect(run.key, "a run is filed under its own key").toBe(key);
      expect(unreadableTraces(run), `${run.filename} in ${lesson.id}: its pictures no longer parse (the trace format changed): ${FIX}`).toEqual([]);
    }
  });
});

describe("recordingKey", () => {
  it("names exactly one program: its file name, code and preset input", async () => {
    const base = { filename: "a.py", code: "print(1)\n", stdin: [] as string[] };
    const key = await recordingKey(base);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(await recordingKey({ ...base })).toBe(key);
    expect(await recordingKey({ filename: "a.py", code: "print(1)\n" })).toBe(key);
    expect(await recordingKey({ ...base, code: "print(2)\n" })).not.toBe(key);
    expect(await recordingKey({ ...base, filename: "b.py" })).not.toBe(key);
    expect(await recordingKey({ ...base, stdin: ["x"] })).not.toBe(key);
    // The default model leaves the key as it was; another model is another run.
    expect(await recordingKey({ ...base, model: "gil" })).toBe(key);
    expect(await recordingKey({ ...base, model: "free-threaded" })).not.toBe(key);
  });
});
