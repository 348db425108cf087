"use client";

import type { RecordedRun } from "@/lib/python/recorded-run";
import type { RunResult } from "@/lib/python/client/types";
import type { StatusLine } from "./runner-status";

/** A run that ended "unsupported": what the browser lacks, and the example's recorded run if there is one. */
export interface NotRunHere {
  needs: RunResult["needs"];
  reason: string;
  /** undefined while it is being fetched; null when this program has none (an edited example). */
  recording: RecordedRun | null | undefined;
}

const BROWSERS_WITH_EVERYTHING = "Chrome or Edge 137+, Firefox 153+ or Safari 27+";

/** Says why the program did not run here, and what the learner can do. */
export function NotRunNote({ note, canReset }: { note: NotRunHere; canReset: boolean }) {
  const what = note.needs ?? "this program";
  if (note.recording === undefined) {
    return (
      <p className="runner-degraded" role="note">
        This browser cannot run {what} yet: looking for this example&apos;s recorded run…
      </p>
    );
  }
  if (note.recording) {
    return (
      <div className="runner-degraded runner-recorded" role="note">
        <p>
          {/* The status line above says what this browser cannot run: the note does not say it again. */}
          <strong>A recorded run.</strong> The output and pictures below are from this very program, run in{" "}
          {note.recording.recordedWith} when the course was checked ({note.recording.recordedAt}).
        </p>
        <p>
          To run it yourself, and to change it, open this lesson in {BROWSERS_WITH_EVERYTHING}. Examples without threads
          or processes (plain Python, asyncio) run here for real.
        </p>
      </div>
    );
  }
  return (
    <div className="runner-degraded runner-recorded" role="note">
      <p>
        <strong>This browser cannot run {what} yet.</strong> {note.reason}
      </p>
      <p>
        {canReset ? "Reset brings back the lesson's example, whose recorded run this browser can show; or open" : "Open"} this
        lesson in {BROWSERS_WITH_EVERYTHING} to run your program.
      </p>
    </div>
  );
}

/**
 * The status line of a run that did not run here: "looking for…" from the moment the run ends until the recording
 * lookup answers (so nothing reads the run as over while its note is still changing), then what was shown.
 */
export function notRunLine(result: RunResult | null, note: NotRunHere | null, lookupSkipped: boolean): StatusLine | undefined {
  if (result?.status !== "unsupported" || lookupSkipped) return undefined;
  const what = result.needs ?? "this program";
  if (!note || note.recording === undefined) return { tone: "busy", text: `This browser cannot run ${what} yet: looking for this example's recorded run…` };
  if (note.recording) return { tone: "neutral", text: `Recorded run: this browser cannot run ${what} yet` };
  return undefined;
}
