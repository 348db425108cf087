"use client";

import { Field } from "@/components/ui/field";
import { FormFeedback } from "@/components/ui/form-feedback";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";

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
export function PlatformForm({ action, initial, submitLabel }: { action: FormAction; initial?: PlatformFormValues; submitLabel: string }) {
  const { state, formAction, pending, errors, values: failed } = useFormAction(action);
  const values: PlatformFormValues = failed ?? initial ?? {};
  return (
    <form action={formAction} className="auth-form teach-form admin-form" noValidate>
      <FormFeedback state={state} />
      {initial?.platformId ? <input type="hidden" name="platformId" value={initial.platformId} /> : null}
      {FIELDS.map((f) => (
        <Field
          key={f.name}
          name={f.name}
          label={f.label}
          hint={f.hint}
          error={errors[f.name]}
          defaultValue={values[f.name] ?? ""}
          required={!f.optional}
          autoComplete="off"
          multiline={f.multiline}
          rows={2}
          type={f.name.endsWith("Url") || f.name === "issuer" ? "url" : "text"}
        />
      ))}
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
