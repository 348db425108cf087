import fs from "node:fs";
import path from "node:path";
import { getAuthor } from "@/lib/authoring";
import { contentRoot } from "@/lib/content/discover";

// mdx-bundler has no hot reload, and Next does not watch content/, so lesson pages (in development) and the author's
// previews (also on a running server, for authors only) listen here and refresh when a lesson, an example or an
// exercise file is saved. The watch is recursive, so exercises/<name>/*.py count too.
export const dynamic = "force-dynamic";

/**
 * Watches every folder under root with its own non-recursive watcher, set up synchronously: Node 20's recursive
 * fs.watch on Linux adds subfolders asynchronously, so a save made right after connecting could go unseen.
 * Folders created later are picked up on the next event.
 */
function watchTree(root: string, onChange: (file: string | null) => void): { close(): void } {
  const watchers = new Map<string, fs.FSWatcher>();
  const scan = (dir: string) => {
    if (!watchers.has(dir)) {
      try {
        watchers.set(
          dir,
          fs.watch(dir, (_event, name) => {
            scan(root);
            onChange(name ? path.relative(root, path.join(dir, name.toString())) : null);
          }),
        );
      } catch {
        return; // removed meanwhile
      }
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) scan(path.join(dir, entry.name));
    }
  };
  scan(root);
  return {
    close() {
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

export async function GET(request: Request) {
  if (process.env.NODE_ENV !== "development" && !(await getAuthor())) return new Response("Not found", { status: 404 });
  const encoder = new TextEncoder();
  let watcher: { close(): void } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      watcher = watchTree(contentRoot(), (filename) => {
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
