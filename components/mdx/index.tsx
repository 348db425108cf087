import type { ComponentType } from "react";
import { CodeRunner } from "@/components/runner/code-runner";
import { Callout } from "./callout";
import { OnYourComputer } from "./on-your-computer";
import { Exercise, Hint } from "./exercise";
import { Figure } from "./figure";
import { PredictOutput } from "./predict-output";
import { Choice, Quiz } from "./quiz";
import { ThreadTimeline } from "./thread-timeline";
import { EventLoopView } from "./event-loop-view";
import { FindTheBlockingCall } from "./find-the-blocking-call";
import { FixTheDeadlock } from "./fix-the-deadlock";
import { Myth } from "./myth";
import { Outcome, PossibleOutputs } from "./possible-outputs";
import type { MdxComponentName } from "@/lib/content/mdx-components";
import "./mdx.css";

/** Every component a lesson may use. The registry's name list and this map must agree (the type says so). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- MDX passes each component its own props
export const mdxComponents: Record<MdxComponentName, ComponentType<any>> = {
  Callout,
  OnYourComputer,
  Figure,
  Quiz,
  Choice,
  CodeRunner,
  PredictOutput,
  Exercise,
  Hint,
  ThreadTimeline,
  EventLoopView,
  PossibleOutputs,
  Outcome,
  Myth,
  FindTheBlockingCall,
  FixTheDeadlock,
};
