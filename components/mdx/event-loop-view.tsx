import { EventLoopView as View } from "@/components/runner/event-loop-view";
import { AsyncioTraceSchema } from "@/lib/python/traces/asyncio";

/**
 * A recorded event loop in a lesson: `<EventLoopView src="run.json" caption="…" />`. The compiler reads and checks
 * the file (recorded with `npm run py -- prog.py --event-loop run.json`) and passes it as `trace`.
 */
export function EventLoopView({ trace, caption }: { trace: string; caption?: string }) {
  const parsed = AsyncioTraceSchema.safeParse(JSON.parse(trace));
  if (!parsed.success) return <p role="alert">This event-loop picture could not be read.</p>;
  return (
    <div className="mdx-thread-timeline">
      <View trace={parsed.data} />
      {caption ? <p className="mdx-thread-timeline-caption">{caption}</p> : null}
    </div>
  );
}
