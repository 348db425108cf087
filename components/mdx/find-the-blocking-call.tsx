import type { ReactNode } from "react";
import { getStepDriver } from "@/lib/content/step-support";
import { FindTheBlockingCallClient } from "./find-the-blocking-call-client";

export interface FindTheBlockingCallProps {
  /** The asyncio program, inlined from `file="x.py"` by the content compiler. */
  code: string;
  filename?: string;
  title?: string;
  /** The line whose call blocks the event loop (content:check measures that it is). */
  line: number;
  /** Why, shown after the check. */
  children?: ReactNode;
}

/** "Find the blocking call": the measurement's driver is read here, on the server, and handed to the client part. */
export function FindTheBlockingCall(props: FindTheBlockingCallProps) {
  return <FindTheBlockingCallClient {...props} filename={props.filename ?? "main.py"} driver={getStepDriver("blocking_calls.py")} />;
}
