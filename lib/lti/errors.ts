/**
 * Why an LTI request was refused. Each reason has a stable code (for the log line and the tests), an HTTP status and
 * a message a teacher or learner can act on (shown on the refusal page).
 */
export type LtiRefusal =
  | "bad_request"
  | "unknown_platform"
  | "unknown_deployment"
  | "bad_state"
  | "replayed"
  | "bad_signature"
  | "wrong_audience"
  | "wrong_issuer"
  | "expired"
  | "bad_claims"
  | "platform_unreachable"
  | "no_class"
  | "expired_link";

const STATUS: Record<LtiRefusal, number> = {
  bad_request: 400,
  unknown_platform: 403,
  unknown_deployment: 403,
  bad_state: 403,
  replayed: 403,
  bad_signature: 401,
  wrong_audience: 401,
  wrong_issuer: 401,
  expired: 401,
  bad_claims: 400,
  // The platform's key set could not be fetched: the launch cannot be verified now. A 4xx keeps this a refusal of
  // this launch (the request is not retried by anyone), and the page says what to do.
  platform_unreachable: 424,
  no_class: 409,
  expired_link: 410,
};

export class LtiError extends Error {
  readonly status: number;
  constructor(
    readonly reason: LtiRefusal,
    message: string,
    /** Extra facts for the log line (never secrets or tokens). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "LtiError";
    this.status = STATUS[reason];
  }
}
