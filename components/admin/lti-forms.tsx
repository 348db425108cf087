"use client";

import { useActionState, useId } from "react";
import type { Action } from "@/components/teach/forms";

export interface PlatformFormValues {
  platformId?: string;
  name?: string;
  issuer?: string;
  clientId?: string;
  authLoginUrl?: string;
  authTokenUrl?: string;
  keysetUrl?: string;
  tokenAudience?: string;
  deploymentIds?: string;
}

const FIELDS: { name: keyof PlatformFormValues; label: string; hint?: string; multiline?: boolean; optional?: boolean }[] = [
  { name: "name", label: "Name", hint: "How teachers and you will recognise it, like “Springfield Canvas”." },
  { name: "issuer", label: "Issuer (iss)", hint: "Canvas cloud: https://canvas.instructure.com · Moodle: the site's URL." },
  { name: "clientId", label: "Client id", hint: "Canvas: the developer key's id · Moodle: the tool's client ID." },
  { name: "authLoginUrl", label: "Authentication request URL", hint: "The platform's OIDC authorization endpoint." },
  { name: "authTokenUrl", label: "Access token URL", hint: "The platform's OAuth 2 token endpoint (grades and rosters)." },
  { name: "keysetUrl", label: "Public keyset URL", hint: "The platform's JWKS." },
  { name: "deploymentIds", label: "Deployment ids", hint: "One per line. The LMS shows it once Interleave is installed in an account or site.", multiline: true },
  { name: "tokenAudience", label: "Token audience (optional)", hint: "Only if the platform asks for a client-assertion audience other than its token URL.", optional: true },
];

/** Registers a platform, or edits one (with `initial.platformId`). */
export function PlatformForm({ action, initial, submitLabel }: { action: Action; initial?: PlatformFormValues; submitLabel: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = (state && !state.ok ? state.values : undefined) ?? initial ?? {};
  return (
    <form action={formAction} className="auth-form teach-form admin-form" noValidate>
      {state && !state.ok && errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {state?.ok ? (
        <p className="form-success" role="status">
          {state.message}
        </p>
      ) : null}
      {initial?.platformId ? <input type="hidden" name="platformId" value={initial.platformId} /> : null}
      {FIELDS.map((f) => {
        const fid = `${id}-${f.name}`;
        const error = errors[f.name];
        const describedBy = [f.hint ? `${fid}-hint` : null, error ? `${fid}-error` : null].filter(Boolean).join(" ") || undefined;
        const common = { id: fid, name: f.name, defaultValue: values[f.name as keyof typeof values] ?? "", "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, required: !f.optional, autoComplete: "off" };
        return (
          <div className="field" key={f.name}>
            <label htmlFor={fid}>{f.label}</label>
            {f.multiline ? <textarea rows={2} {...common} /> : <input type={f.name.endsWith("Url") || f.name === "issuer" ? "url" : "text"} {...common} />}
            {f.hint ? (
              <p id={`${fid}-hint`} className="field-hint">
                {f.hint}
              </p>
            ) : null}
            {error ? (
              <p id={`${fid}-error`} className="field-error">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
