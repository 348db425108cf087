import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PlatformForm } from "@/components/admin/lti-forms";
import { ActionButton } from "@/components/ui/action-button";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { getCurrentUser } from "@/lib/auth";
import { listKeys, listPlatforms } from "@/lib/data/lti";
import { SCOPE } from "@/lib/lti/claims";
import { JWKS_PATH, LAUNCH_PATH, LOGIN_PATH, originFromHeaders } from "@/lib/lti/http";
import { registerPlatformAction, removePlatformAction, rotateKeysAction, updatePlatformAction } from "./actions";
import "@/components/teach/teach.css";
import "@/components/admin/admin.css";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "LMS platforms", robots: { index: false } };
export const dynamic = "force-dynamic";

function CopyRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="copy-row">
      <dt>{label}</dt>
      <dd>
        <code>{value}</code> <CopyButton text={value} />
      </dd>
    </div>
  );
}

/** Administrators register LMS platforms (LTI 1.3) and manage Interleave's signing keys. Everyone else: 404. */
export default async function LtiAdminPage() {
  const user = await getCurrentUser();
  if (!user || user.role !== "admin") notFound();
  const [platforms, keys] = await Promise.all([listPlatforms(user), listKeys(user)]);
  if (!platforms || !keys) notFound();
  const origin = originFromHeaders(await headers());
  const launch = `${origin}${LAUNCH_PATH}`;
  return (
    <main id="main" className="page teach-page">
      <h1>LMS platforms (LTI 1.3)</h1>
      <p className="lead">Teachers add Interleave lessons to their course in Canvas, Moodle or another LMS; learners launch them from there, and scores go back to the gradebook.</p>

      <section aria-labelledby="tool-values">
        <h2 id="tool-values">Values to copy into your LMS</h2>
        <dl className="copy-list">
          <CopyRow label="Login URL (OIDC initiation, “Initiate login URL”)" value={`${origin}${LOGIN_PATH}`} />
          <CopyRow label="Redirect URI / target link URI / launch URL" value={launch} />
          <CopyRow label="Deep linking URL (content selection)" value={launch} />
          <CopyRow label="Public keyset URL (JWKS)" value={`${origin}${JWKS_PATH}`} />
          <CopyRow label="Canvas: developer key by URL" value={`${origin}/lti/canvas.json`} />
          <CopyRow label="Domain" value={new URL(origin).host} />
        </dl>
        <p className="muted">
          Services to enable: Assignment and Grade Services (scopes <code>{SCOPE.lineItem.split("/").pop()}</code>, <code>score</code>, <code>result.readonly</code>) and Names and
          Role Provisioning (<code>contextmembership.readonly</code>). Share the learner&apos;s name and email: Interleave never uses the email to find an account. Lessons open in a new
          window (Python needs a page of its own); set the placement to open in a new window where the LMS offers it.
        </p>
      </section>

      <section aria-labelledby="platforms">
        <h2 id="platforms">Registered platforms</h2>
        {platforms.length === 0 ? <p className="empty-state">None yet. Register your LMS below with the values it shows for Interleave.</p> : null}
        <ul className="platform-list">
          {platforms.map((p) => (
            <li key={p.id} className="platform-card" data-testid="platform">
              <h3>{p.name}</h3>
              <dl className="facts">
                <div>
                  <dt>Issuer</dt>
                  <dd>
                    <code>{p.issuer}</code>
                  </dd>
                </div>
                <div>
                  <dt>Client id</dt>
                  <dd>
                    <code>{p.clientId}</code>
                  </dd>
                </div>
                <div>
                  <dt>Deployments</dt>
                  <dd>{p.deploymentIds.map((d) => <code key={d}>{d} </code>)}</dd>
                </div>
                <div>
                  <dt>Classes</dt>
                  <dd>{p.classes}</dd>
                </div>
                <div>
                  <dt>Registered</dt>
                  <dd>
                    <LocalTime at={p.createdAt.getTime()} withTime={false} />
                  </dd>
                </div>
              </dl>
              <details>
                <summary>Edit {p.name}</summary>
                <PlatformForm
                  action={updatePlatformAction}
                  submitLabel="Save changes"
                  initial={{ ...p, platformId: p.id, tokenAudience: p.tokenAudience ?? "", deploymentIds: p.deploymentIds.join("\n") }}
                />
              </details>
              <ActionButton
                action={removePlatformAction}
                fields={{ platformId: p.id }}
                label="Remove"
                variant="danger"
                accessibleLabel={`Remove ${p.name}`}
                confirm={`Remove ${p.name}? Launches from it stop working at once. Its classes and their progress stay.`}
              />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="register">
        <h2 id="register">Register a platform</h2>
        <PlatformForm action={registerPlatformAction} submitLabel="Register platform" />
      </section>

      <section aria-labelledby="keys">
        <h2 id="keys">Interleave&apos;s signing keys</h2>
        <p className="muted">
          Platforms fetch these from the keyset URL. A rotation publishes a new key a day before it starts signing; the old key leaves the key set a day later. Keys older than 90 days
          rotate by themselves.
        </p>
        <table className="simple-table">
          <TableHead columns={["Key id", "State", "Signs from", "Leaves the key set"]} />
          <tbody>
            {keys.length === 0 ? (
              <tr>
                <td colSpan={4}>No key yet: the first launch or a visit to the keyset URL makes one.</td>
              </tr>
            ) : (
              keys.map((k) => (
                <tr key={k.kid}>
                  <td>
                    <code>{k.kid}</code>
                  </td>
                  <td>{k.state}</td>
                  <td>
                    <LocalTime at={k.activatesAt.getTime()} />
                  </td>
                  <td>{k.retiresAt ? <LocalTime at={k.retiresAt.getTime()} /> : "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <div className="button-row">
          <ActionButton action={rotateKeysAction} fields={{ immediate: "false" }} label="Rotate key" pendingLabel="Rotating…" />
          <ActionButton
            action={rotateKeysAction}
            fields={{ immediate: "true" }}
            label="Replace key now"
            variant="danger"
            confirm="Replace the signing key at once? Do this only if the key may have leaked: platforms that cached the old key set fail until they fetch it again."
          />
        </div>
      </section>
    </main>
  );
}
