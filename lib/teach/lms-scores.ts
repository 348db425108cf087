/** What a teacher sees of the LMS gradebook beside the progress grid (lib/data/lti-sync.ts reads it; the grid shows it). */

export interface LmsScoreView {
  linkId: string;
  /** "sent": the platform has the current score; "sending": a newer score is on its way; "retrying": the last send failed. */
  state: "sent" | "sending" | "retrying" | "nothing-yet";
  score: number | null;
  maximum: number | null;
  sentAt: number | null;
  error: string | null;
}

/** The grid's LMS column: the class's links and, per learner, per link, what the LMS gradebook has from us. */
export interface LmsScores {
  platformName: string;
  links: { id: string; title: string }[];
  scores: Record<string, LmsScoreView[]>;
}
