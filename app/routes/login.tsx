import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormError } from "~/components/form-field";
import { logIn } from "~/models/accounts/users.server";
import { getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { MAX_PASSWORD_LENGTH } from "~/utils/password.server";

const LoginSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email("Enter your email address.")),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH, "Email or password is incorrect."),
});

type ActionData = {
  formError?: string;
  fieldErrors?: { email?: string[]; password?: string[] };
  values: { email: string };
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readProtectedForm(request);
  const values = { email: String(form.get("email") ?? "") };
  const parsed = LoginSchema.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "" });
  if (!parsed.success) {
    return Response.json({ fieldErrors: z.flattenError(parsed.error).fieldErrors, values } satisfies ActionData, { status: 400 });
  }
  const result = await logIn(request, parsed.data, requestContext(context));
  if (result.ok) {
    return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": result.setCookie } });
  }
  if (result.reason === "rate_limited") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    const formError = `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
    return Response.json({ formError, values } satisfies ActionData, {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  const formError =
    result.reason === "disabled"
      ? "This account has been disabled. Ask an admin to enable it again."
      : "Email or password is incorrect.";
  return Response.json({ formError, values } satisfies ActionData, { status: 400 });
}

export default function LoginPage() {
  const actionData = useActionData<ActionData>();
  const [searchParams] = useSearchParams();
  return (
    <section className="login">
      <h1>Sign in</h1>
      <FormError message={actionData?.formError} />
      <Form method="post" className="stack">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={actionData?.values.email}
          errors={actionData?.fieldErrors?.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={actionData?.fieldErrors?.password}
        />
        <div>
          <button type="submit">Sign in</button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign in · Vigil" }];

// A rate-limited attempt tells the browser when to come back, also on a full page load.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
