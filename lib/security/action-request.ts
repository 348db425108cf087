/**
 * Server actions are POSTs anyone can forge. React's client only ever sends two shapes: the encoded argument list
 * as text/plain (a JSON array), or multipart/form-data when an argument is a FormData. Anything else is refused
 * here with a 4xx and a reason, before Next tries to decode it (its decoder answers malformed bodies with a 500).
 */

/** Next's default `serverActions.bodySizeLimit` (1 MB). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export interface Refusal {
  status: number;
  message: string;
}

function argumentList(text: string): Refusal | null {
  try {
    return Array.isArray(JSON.parse(text)) ? null : { status: 400, message: "A server action's arguments must be a JSON array." };
  } catch {
    return { status: 400, message: "A server action's arguments are not valid JSON." };
  }
}

export async function checkActionRequest(request: Request): Promise<Refusal | null> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > ACTION_BODY_LIMIT) return { status: 413, message: `The request body is larger than ${ACTION_BODY_LIMIT / 1024 / 1024} MB.` };
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("text/plain")) {
    const text = await request.clone().text();
    if (text.length > ACTION_BODY_LIMIT) return { status: 413, message: `The request body is larger than ${ACTION_BODY_LIMIT / 1024 / 1024} MB.` };
    return argumentList(text);
  }
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await request.clone().formData();
    } catch {
      return { status: 400, message: "The form data is malformed." };
    }
    // React puts the encoded argument list in the field "0" and the FormData's own fields beside it.
    const root = form.get("0");
    return typeof root === "string" ? argumentList(root) : { status: 400, message: "The form data has no argument list." };
  }
  return { status: 415, message: "Server actions take a form (multipart/form-data) or encoded arguments (text/plain)." };
}
