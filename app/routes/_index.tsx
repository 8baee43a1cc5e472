import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getOptionalUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

// The home page sends each person where their work is.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return redirect("/login");
  if (can(user.roles, "work:case")) return redirect("/queue");
  // The crisis team (commanders, responders) lands on the crises.
  if (can(user.roles, "declare:crisis")) return redirect("/crises");
  if (can(user.roles, "read:dashboard")) return redirect("/dashboard");
  if (can(user.roles, "read:case")) return redirect("/cases");
  if (can(user.roles, "read:audit")) return redirect("/audit");
  if (can(user.roles, "manage:users")) return redirect("/admin/users");
  return redirect("/report");
}
