import { ActionButton } from "@/components/ui/action-button";
import type { FormAction } from "@/components/ui/use-form-action";
import { LocalTime } from "@/components/ui/local-time";

export interface LmsPanelProps {
  classId: string;
  platformName: string;
  contextTitle: string | null;
  rosterSyncedAt: number | null;
  rosterError: string | null;
  canSyncRoster: boolean;
  links: { id: string; title: string; hasLineItem: boolean }[];
  syncAction: FormAction;
}

/** An LMS-linked class: where it comes from, its roster, and the links placed in the LMS (their scores are in the grid). */
export function LmsPanel({ classId, platformName, contextTitle, rosterSyncedAt, rosterError, canSyncRoster, links, syncAction }: LmsPanelProps) {
  return (
    <section className="lms-panel notice" aria-labelledby="lms-heading">
      <h2 id="lms-heading">Linked to {platformName}</h2>
      <p>
        {contextTitle ? <>Course “{contextTitle}”. </> : null}
        Learners open Interleave from {platformName} (it opens in a new window); their scores go to its gradebook as they work: lessons completed and exercises passed.
      </p>
      {links.length ? (
        <p>
          Placed in {platformName}: {links.map((l, i) => (
            <span key={l.id}>
              {i ? ", " : ""}
              {l.title}
              {l.hasLineItem ? "" : " (no gradebook column)"}
            </span>
          ))}
          .
        </p>
      ) : (
        <p>No links yet: add Interleave content from {platformName} (“external tool” or “add an activity”) to make an assignment here.</p>
      )}
      <p className="muted">
        {rosterSyncedAt ? (
          <>
            Roster synced <LocalTime at={rosterSyncedAt} />.{" "}
          </>
        ) : canSyncRoster ? (
          "Roster not synced yet. "
        ) : (
          `${platformName} has not shared the roster (Names and Role Provisioning) with Interleave. `
        )}
        {rosterError ? <span className="field-error">Last sync failed: {rosterError}</span> : null}
      </p>
      {canSyncRoster ? <ActionButton action={syncAction} fields={{ classId }} label="Sync roster now" pendingLabel="Syncing…" /> : null}
    </section>
  );
}
