"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { GridItem } from "@/lib/teach/grid";
import { LocalTime } from "@/components/ui/local-time";

interface Detail {
  learner: { id: string; name: string; email: string };
  item: { id: string; kind: "lesson" | "exercise"; title: string; lessonId: string };
  lesson: { firstOpenedAt: number; lastOpenedAt: number; completedAt: number | null; secondsSpent: number; position: number } | null;
  attempts: { id: string; exerciseId: string; at: number; passed: boolean; hintsUsed: number; code: string; output: string }[];
  truncated: boolean;
}

function minutes(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** The learner's submitted code for one exercise and their attempts over time (or their reading of a lesson). */
export function CellDialog({ classId, open, item, onClose }: { classId: string; open: { learnerId: string; itemId: string } | null; item?: GridItem; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [detail, setDetail] = useState<{ key: string; data: Detail | null; error?: string } | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const titleId = useId();
  const key = open ? `${open.learnerId}|${open.itemId}` : "";

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const url = `/api/teach/classes/${encodeURIComponent(classId)}/cell?learner=${encodeURIComponent(open.learnerId)}&item=${encodeURIComponent(open.itemId)}`;
    fetch(url, { cache: "no-store", credentials: "same-origin" })
      .then(async (res) => {
        if (cancelled) return;
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { error?: string };
          setDetail({ key, data: null, error: body.error ?? `The server answered ${res.status}.` });
          return;
        }
        const data = (await res.json()) as Detail;
        setDetail({ key, data });
        setSelected(data.attempts.length ? data.attempts.length - 1 : null);
      })
      .catch(() => !cancelled && setDetail({ key, data: null, error: "Could not reach the server. Check your connection." }));
    return () => {
      cancelled = true;
    };
  }, [open, classId, key]);

  const current = detail?.key === key ? detail : null;
  const data = current?.data;
  const attempt = data && selected !== null ? data.attempts[selected] : undefined;
  const span = data && data.attempts.length > 1 ? data.attempts[data.attempts.length - 1]!.at - data.attempts[0]!.at || 1 : 1;

  return (
    <dialog ref={dialog} className="cell-dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <div className="cell-dialog-head">
        <h2 id={titleId}>{data ? `${data.learner.name} — ${data.item.kind === "exercise" ? `exercise “${data.item.title}”` : data.item.title}` : item ? item.title : "Learner's work"}</h2>
        <button type="button" className="button button-small" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      {!current ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : current.error ? (
        <p className="form-error" role="alert">
          {current.error}
        </p>
      ) : data ? (
        <div className="cell-dialog-body">
          {data.lesson ? (
            <dl className="detail-facts">
              <div>
                <dt>Status</dt>
                <dd>{data.lesson.completedAt ? "Completed" : `In progress (read ${Math.round(data.lesson.position * 100)}%)`}</dd>
              </div>
              <div>
                <dt>First opened</dt>
                <dd>
                  <LocalTime at={data.lesson.firstOpenedAt} />
                </dd>
              </div>
              {data.lesson.completedAt ? (
                <div>
                  <dt>Completed</dt>
                  <dd>
                    <LocalTime at={data.lesson.completedAt} />
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>Time reading</dt>
                <dd>{minutes(data.lesson.secondsSpent)}</dd>
              </div>
            </dl>
          ) : data.item.kind === "lesson" ? (
            <p>Not opened yet.</p>
          ) : null}
          {data.attempts.length ? (
            <>
              <h3>
                {data.attempts.length} {data.attempts.length === 1 ? "attempt" : "attempts"}
                {data.truncated ? " (the latest 50)" : ""}
              </h3>
              <svg className="attempt-timeline" viewBox="0 0 400 28" role="img" aria-label={`Attempts over time: ${data.attempts.map((a) => (a.passed ? "passed" : "failed")).join(", ")}`}>
                <line x1="8" y1="14" x2="392" y2="14" className="timeline-axis" />
                {data.attempts.map((a, i) => (
                  <circle key={a.id} cx={8 + ((a.at - data.attempts[0]!.at) / span) * 384} cy="14" r={i === selected ? 7 : 5} className={a.passed ? "dot-pass" : "dot-fail"} />
                ))}
              </svg>
              <ol className="attempt-list">
                {data.attempts.map((a, i) => (
                  <li key={a.id}>
                    <button type="button" aria-pressed={i === selected} onClick={() => setSelected(i)} className="attempt-pick">
                      <span className={a.passed ? "ok" : "bad"}>{a.passed ? "✓ passed" : "✗ failed"}</span> <LocalTime at={a.at} />
                      {a.hintsUsed ? ` · ${a.hintsUsed} ${a.hintsUsed === 1 ? "hint" : "hints"}` : ""}
                      {data.item.kind === "lesson" ? ` · ${a.exerciseId.split("#").pop()}` : ""}
                    </button>
                  </li>
                ))}
              </ol>
              {attempt ? (
                <div className="attempt-code">
                  <h3>
                    Code of attempt {selected! + 1} ({attempt.passed ? "passed" : "failed"})
                  </h3>
                  <pre tabIndex={0} aria-label="Submitted code">
                    <code>{attempt.code || "(empty)"}</code>
                  </pre>
                  {attempt.output ? (
                    <>
                      <h3>Output</h3>
                      <pre tabIndex={0} aria-label="Output" className="attempt-output">
                        {attempt.output}
                      </pre>
                    </>
                  ) : null}
                </div>
              ) : null}
            </>
          ) : data.item.kind === "exercise" ? (
            <p>No attempts yet.</p>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
