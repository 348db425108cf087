import type { ReactNode } from "react";

/** A form's submit button: disabled and busy while the action runs, saying `pendingLabel` then. */
export function SubmitButton({
  pending,
  pendingLabel,
  children,
  variant = "primary",
  small,
  accessibleLabel,
}: {
  pending: boolean;
  pendingLabel?: string;
  children: ReactNode;
  variant?: "primary" | "default" | "danger" | "danger-outline";
  small?: boolean;
  accessibleLabel?: string;
}) {
  const className = ["button", small ? "button-small" : null, variant === "default" ? null : `button-${variant}`].filter(Boolean).join(" ");
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending || undefined} aria-label={accessibleLabel}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
