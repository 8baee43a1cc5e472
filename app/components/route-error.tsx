import { useRouteError } from "@remix-run/react";
import { ErrorMessage } from "~/root";

/** Every route's error boundary: a clear message inside the app's layout. */
export function RouteErrorBoundary() {
  return <ErrorMessage error={useRouteError()} />;
}
