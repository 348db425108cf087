"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/** True after hydration: server and first client render agree, then the client re-renders with local values. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
