import { useRouteLoaderData } from "@remix-run/react";
import type { RootData } from "~/root";

/** The CSRF token every state-changing form carries. */
export function CsrfInput() {
  const root = useRouteLoaderData<RootData>("root");
  return <input type="hidden" name="csrf" value={root?.csrf ?? ""} />;
}
