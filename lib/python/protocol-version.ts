/** The protocol's version (./protocol.ts). No imports: the early start script (client/early.ts) includes this file. */
export const PROTOCOL_VERSION = 2;
