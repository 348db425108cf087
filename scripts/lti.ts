// npm run lti -- <command>: LTI 1.3 administration for operators, with the database in DATABASE_URL (or .env).
// The same data functions as the admin page (/admin/lti), acting as an administrator. Run with --help for usage.
import { parseArgs } from "node:util";
import { loadDotEnv } from "../lib/db/load-env";

// .env first: lib/env reads the environment when it is imported.
loadDotEnv();
const { db } = await import("../lib/db/client");
const { addDeployment, createPlatform, deletePlatform, listKeys, listPlatforms, OPERATOR, rotateKeys } = await import("../lib/data/lti");
const { PlatformInputSchema } = await import("../lib/schemas/lti");

const USAGE = `Usage: npm run lti -- <command> [options]

  config --url https://interleave.example.edu
        The values to copy into an LMS (login URL, redirect URI, keyset URL, Canvas configuration URL).
  platform list
  platform add --name N --issuer URL --client-id ID --auth-login-url URL --auth-token-url URL
               --keyset-url URL --deployment ID [--deployment ID …] [--token-audience AUD]
  platform remove <platform id>
  deployment add <platform id> <deployment id>
  keys list
  keys rotate [--now]      publish a new signing key (signs in 24 h; --now: at once, the old key leaves the key set)
  admin <email>            make an existing account an administrator (it sees /admin/lti)`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: "string" },
      name: { type: "string" },
      issuer: { type: "string" },
      "client-id": { type: "string" },
      "auth-login-url": { type: "string" },
      "auth-token-url": { type: "string" },
      "keyset-url": { type: "string" },
      "token-audience": { type: "string" },
      deployment: { type: "string", multiple: true },
      now: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) return console.log(USAGE);

  if (command === "config") {
    if (!values.url) fail("Give the site's public URL: npm run lti -- config --url https://interleave.example.edu");
    const origin = new URL(values.url).origin;
    console.log(
      [
        `Login URL (OIDC initiation):       ${origin}/lti/login`,
        `Redirect URI / target link URI:    ${origin}/lti/launch`,
        `Deep linking (content selection):  ${origin}/lti/launch`,
        `Public keyset URL (JWKS):          ${origin}/lti/jwks`,
        `Canvas developer key by URL:       ${origin}/lti/canvas.json`,
        `Domain:                            ${new URL(origin).host}`,
      ].join("\n"),
    );
    return;
  }

  if (command === "platform" && sub === "list") {
    const platforms = (await listPlatforms(OPERATOR)) ?? [];
    if (!platforms.length) console.log("No platforms registered.");
    for (const p of platforms) {
      console.log(`${p.id}  ${p.name}\n  issuer ${p.issuer}\n  client id ${p.clientId}\n  deployments ${p.deploymentIds.join(", ")}\n  login ${p.authLoginUrl}\n  token ${p.authTokenUrl}\n  keys ${p.keysetUrl}\n  classes ${p.classes}`);
    }
    return;
  }

  if (command === "platform" && sub === "add") {
    const parsed = PlatformInputSchema.safeParse({
      name: values.name,
      issuer: values.issuer,
      clientId: values["client-id"],
      authLoginUrl: values["auth-login-url"],
      authTokenUrl: values["auth-token-url"],
      keysetUrl: values["keyset-url"],
      tokenAudience: values["token-audience"],
      deploymentIds: values.deployment ?? [],
    });
    if (!parsed.success) fail(parsed.error.issues.map((i) => `  --${String(i.path[0] ?? "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join("\n"));
    const result = await createPlatform(OPERATOR, parsed.data);
    if (!result.ok) fail(result.error);
    console.log(`Registered ${parsed.data.name} (${result.platformId}).`);
    return;
  }

  if (command === "platform" && sub === "remove") {
    const id = rest[0] ?? fail("Give the platform id (npm run lti -- platform list shows it).");
    await deletePlatform(OPERATOR, id);
    console.log(`Removed ${id} (if it existed).`);
    return;
  }

  if (command === "deployment" && sub === "add") {
    const [platformId, deploymentId] = rest;
    if (!platformId || !deploymentId?.trim()) fail("Usage: npm run lti -- deployment add <platform id> <deployment id>");
    const result = await addDeployment(OPERATOR, platformId, deploymentId.trim());
    if (!result.ok) fail(result.error);
    console.log(`Deployment ${deploymentId} added.`);
    return;
  }

  if (command === "keys" && sub === "list") {
    for (const k of (await listKeys(OPERATOR)) ?? []) console.log(`${k.kid}  ${k.state.padEnd(8)}  signs from ${k.activatesAt.toISOString()}${k.retiresAt ? `  leaves ${k.retiresAt.toISOString()}` : ""}`);
    return;
  }

  if (command === "keys" && sub === "rotate") {
    const result = await rotateKeys(OPERATOR, { immediate: Boolean(values.now) });
    if (!result.ok) fail(result.error);
    console.log(`New key ${result.kid}: published now, signs from ${result.activatesAt.toISOString()}.`);
    return;
  }

  if (command === "admin") {
    const email = (sub ?? "").trim().toLowerCase();
    if (!email) fail("Usage: npm run lti -- admin <email>");
    const { count } = await db.user.updateMany({ where: { email }, data: { role: "admin" } });
    if (!count) fail(`No account uses ${email}. Sign up first, then run this again.`);
    console.log(`${email} is now an administrator.`);
    return;
  }

  fail(`Unknown command.\n\n${USAGE}`);
}

try {
  await main();
} finally {
  await db.$disconnect();
}
