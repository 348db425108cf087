import type { ReactNode } from "react";
import "@/components/teach/teach.css";

export default function TeachLayout({ children }: { children: ReactNode }) {
  return children;
}
