import crypto from "node:crypto";

/** No 0/O, 1/I/L: codes are read aloud and copied from a projector. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A short join code such as "K7PQ-M4XD": 8 symbols from 31, about 40 bits, unguessable by trying. */
export function newJoinCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/** What a learner typed or followed, as stored: upper case, no spaces. */
export function normalizeJoinCode(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, "");
}
