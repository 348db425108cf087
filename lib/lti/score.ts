/**
 * A learner's score on one LMS assignment, from their stored progress (never from what a browser sent): lessons of
 * the assignment completed plus its exercises passed, out of all of them. Pure, for the outbox worker and the tests.
 */

export type ActivityProgress = "Initialized" | "Started" | "InProgress" | "Submitted" | "Completed";
export type GradingProgress = "FullyGraded" | "Pending" | "PendingManual" | "Failed" | "NotReady";

export interface LtiScore {
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
}

export interface LearnerWork {
  /** Lesson ids with a LessonProgress row (opened), and those completed. */
  openedLessons: Iterable<string>;
  completedLessons: Iterable<string>;
  /** Exercise ids attempted, and those with a passing attempt. */
  attemptedExercises: Iterable<string>;
  passedExercises: Iterable<string>;
}

export function computeScore(items: { lessons: readonly string[]; exercises: readonly string[] }, work: LearnerWork): LtiScore {
  const completed = new Set(work.completedLessons);
  const passed = new Set(work.passedExercises);
  const opened = new Set(work.openedLessons);
  const attempted = new Set(work.attemptedExercises);
  const scoreMaximum = items.lessons.length + items.exercises.length;
  const scoreGiven = items.lessons.filter((l) => completed.has(l)).length + items.exercises.filter((e) => passed.has(e)).length;
  const touched = items.lessons.some((l) => opened.has(l)) || items.exercises.some((e) => attempted.has(e));
  const activityProgress: ActivityProgress = scoreMaximum > 0 && scoreGiven === scoreMaximum ? "Completed" : scoreGiven > 0 || touched ? "InProgress" : "Initialized";
  // The score is computed, never graded by hand, so every score we send is final for the work done so far. Canvas
  // ignores scoreGiven unless gradingProgress is FullyGraded (developerdocs.instructure.com, Score API).
  return { scoreGiven, scoreMaximum: Math.max(scoreMaximum, 1), activityProgress, gradingProgress: "FullyGraded" };
}

/** Nothing worth a gradebook entry yet: the learner launched but has not opened a lesson or tried an exercise. */
export function isEmptyScore(s: LtiScore): boolean {
  return s.activityProgress === "Initialized" && s.scoreGiven === 0;
}

/** Exponential backoff with ±20 % jitter: 10 s, 20 s, 40 s … capped at one hour. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
