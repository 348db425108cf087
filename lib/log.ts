/**
 * Structured logs: one JSON object per line on stdout/stderr (time, level, event, fields), so a log shipper or
 * `jq` can read them. Server code logs events with a stable name rather than prose.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const wanted = (process.env.LOG_LEVEL ?? "info").toLowerCase() as LogLevel;
  return ORDER[wanted] ?? ORDER.info;
}

/** Errors become {name, message, stack}; everything else is passed through JSON.stringify's rules. */
function serialisable(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack?.split("\n").slice(0, 8).join("\n") };
  return value;
}

export function formatLogLine(level: LogLevel, event: string, fields: Record<string, unknown> = {}, now = new Date()): string {
  const record: Record<string, unknown> = { time: now.toISOString(), level, event };
  for (const [key, value] of Object.entries(fields)) {
    if (key in record) continue;
    record[key] = serialisable(value);
  }
  try {
    return JSON.stringify(record);
  } catch {
    // A cycle or a BigInt in the fields: keep the event rather than lose it.
    return JSON.stringify({ time: record.time, level, event, note: "fields were not serialisable" });
  }
}

function write(level: LogLevel, event: string, fields?: Record<string, unknown>) {
  if (ORDER[level] < threshold()) return;
  const line = formatLogLine(level, event, fields);
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};
