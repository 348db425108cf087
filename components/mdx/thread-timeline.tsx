import { ThreadTimeline as Timeline } from "@/components/runner/thread-timeline";
import { ThreadsTraceSchema } from "@/lib/python/traces/threads";

/**
 * A recorded GIL timeline in a lesson: `<ThreadTimeline src="run.json" caption="…" />`. The compiler reads and checks
 * the file (recorded with `npm run py -- prog.py --timeline run.json`) and passes it as `trace`.
 */
export function ThreadTimeline({ trace, caption }: { trace: string; caption?: string }) {
  const parsed = ThreadsTraceSchema.safeParse(JSON.parse(trace));
  if (!parsed.success) return <p role="alert">This timeline could not be read.</p>;
  return (
    <div className="mdx-thread-timeline">
      <Timeline trace={parsed.data} />
      {caption ? <p className="mdx-thread-timeline-caption">{caption}</p> : null}
    </div>
  );
}
