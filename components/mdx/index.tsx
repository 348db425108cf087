import type { ComponentType } from "react";
import { CodeRunner } from "@/components/runner/code-runner";
import { Callout } from "./callout";
import { Exercise, Hint } from "./exercise";
import { Figure } from "./figure";
import { PredictOutput } from "./predict-output";
import { Choice, Quiz } from "./quiz";
import { ThreadTimeline } from "./thread-timeline";
import { EventLoopView } from "./event-loop-view";
import type { MdxComponentName } from "@/lib/content/mdx-components";

/** Every component a lesson may use. The registry's name list and this map must agree (the type says so). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- MDX passes each component its own props
export const mdxComponents: Record<MdxComponentName, ComponentType<any>> = {
  Callout,
  Figure,
  Quiz,
  Choice,
  CodeRunner,
  PredictOutput,
  Exercise,
  Hint,
  ThreadTimeline,
  EventLoopView,
};
