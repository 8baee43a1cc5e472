import "~/utils/zod-no-eval";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { unreadCount } from "~/models/messages/notifications.server";
import { AppNav } from "~/components/app-nav";
import type { PublicLocale } from "~/i18n/public";
import { publicLocale } from "~/i18n/public/locale.server";
import { usePublicLocale } from "~/i18n/public/use-public-locale";
import stylesheet from "~/styles/app.css";
import { getOptionalUser } from "~/utils/auth.server";
import { csrfToken } from "~/utils/csrf.server";
import { useNonce } from "~/utils/nonce";
import { permissionsOf } from "~/utils/permissions";

// An inline icon: the repository keeps no public/ folder, and browsers ask for one.
const ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#0b5cad"/><circle cx="8" cy="8" r="3" fill="#fff"/></svg>',
)}`;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: ICON, type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const csrf = csrfToken(request);
  const data = {
    csrf: csrf.token,
    locale: publicLocale(request),
    user: user && {
      id: user.id,
      name: user.name,
      email: user.email,
      roles: user.roles,
      permissions: [...permissionsOf(user.roles)],
      unread: await unreadCount(user.id),
    },
  };
  return Response.json(data, csrf.setCookie ? { headers: { "Set-Cookie": csrf.setCookie } } : undefined);
}

export type RootData = {
  csrf: string;
  /** The language public pages are shown in (staff pages are in English). */
  locale: PublicLocale;
  user: { id: string; name: string; email: string; roles: string[]; permissions: string[]; unread: number } | null;
};

export function Layout({ children }: { children: ReactNode }) {
  const lang = usePublicLocale() ?? "en";
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user } = useLoaderData<RootData>();
  return (
    <>
      <AppNav user={user} />
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <main id="main" className="error-page">
      <ErrorMessage error={error} />
      <p>
        <a href="/">Back to Vigil</a>
      </p>
    </main>
  );
}

export function ErrorMessage({ error }: { error: unknown }) {
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : null;
    const title =
      error.status === 403 ? "Not allowed" : error.status === 404 ? "Not found" : `${error.status} ${error.statusText}`;
    return (
      <section role="alert">
        <h1>{title}</h1>
        <p>
          {message ??
            (error.status === 404
              ? "There is nothing at this address."
              : typeof error.data === "string"
                ? error.data
                : "The request could not be completed.")}
        </p>
      </section>
    );
  }
  // The server logged it already (entry.server handleError); in the browser this is the only trace.
  if (typeof document !== "undefined") console.error(error);
  return (
    <section role="alert">
      <h1>Something went wrong</h1>
      <p>Vigil could not complete this request. Nothing you submitted was lost; try again.</p>
    </section>
  );
}
