import { useMatches, useRouteLoaderData } from "@remix-run/react";
import type { RootData } from "~/root";
import type { PublicLocale, PublicPageHandle } from "./index";

/** The member's language on a public page (the root loader chose it); null on any other page. */
export function usePublicLocale(): PublicLocale | null {
  const root = useRouteLoaderData<RootData>("root");
  const publicPage = useMatches().some((match) => (match.handle as Partial<PublicPageHandle> | undefined)?.publicPage);
  return publicPage ? (root?.locale ?? "en") : null;
}
