import fs from "node:fs";
import { getAuthor } from "@/lib/authoring";
import { contentRoot } from "@/lib/content/discover";

// mdx-bundler has no hot reload, and Next does not watch content/, so lesson pages (in development) and the author's
// previews (also on a running server, for authors only) listen here and refresh when a lesson, an example or an
// exercise file is saved. The watch is recursive, so exercises/<name>/*.py count too.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  if (process.env.NODE_ENV !== "development" && !(await getAuthor())) return new Response("Not found", { status: 404 });
  const encoder = new TextEncoder();
  let watcher: fs.FSWatcher | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      watcher = fs.watch(contentRoot(), { recursive: true }, (_event, filename) => {
        // Editors write in bursts (temp file, rename); report once per burst.
        clearTimeout(timer);
        timer = setTimeout(() => {
          controller.enqueue(encoder.encode(`data: ${JSON.stringify({ file: filename ?? null })}\n\n`));
        }, 60);
      });
      heartbeat = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), 15_000);
      request.signal.addEventListener("abort", () => {
        watcher?.close();
        clearTimeout(timer);
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      });
    },
    cancel() {
      watcher?.close();
      clearTimeout(timer);
      clearInterval(heartbeat);
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive" },
  });
}
