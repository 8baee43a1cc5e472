import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logOut } from "~/models/accounts/users.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";

// Signing out changes state, so it is a CSRF-protected POST; a GET changes nothing.
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readProtectedForm(request);
  const setCookie = await logOut(request, requestContext(context));
  return redirect("/login", { headers: { "Set-Cookie": setCookie } });
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
