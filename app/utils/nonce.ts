import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of this response (scripts/http-security.mjs), for the
// inline scripts Remix renders. Only the server knows it: browsers hide a nonce from the
// page, so in the browser this is empty and hydration leaves the attributes as they are.
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
