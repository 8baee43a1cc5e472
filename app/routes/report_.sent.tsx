import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { parseRef } from "~/models/refs";
import { getReportReceipt } from "~/models/reports.server";

// The receipt after the public form: the reference a member can quote. It shows
// nothing else about the report, so a guessed reference reveals nothing.

export async function loader({ request }: LoaderFunctionArgs) {
  const ref = parseRef(new URL(request.url).searchParams.get("ref") ?? "", "report");
  const receipt = ref ? await getReportReceipt(ref) : null;
  if (!receipt) throw Response.json({ message: "There is no report with this reference." }, { status: 404, statusText: "Not Found" });
  return Response.json({ ref: receipt.ref, receivedAt: receipt.receivedAt.toISOString() });
}

export default function ReportSentPage() {
  const { ref, receivedAt } = useLoaderData<{ ref: string; receivedAt: string }>();
  return (
    <section>
      <h1>Thank you: your report was received</h1>
      <div role="status" className="notice success">
        <p>
          Your reference is <strong className="mono">{ref}</strong>. Quote it if you contact the moderators about this
          report.
        </p>
        <p className="hint">
          Received <time dateTime={receivedAt}>{receivedAt.slice(0, 16).replace("T", " ")} UTC</time>.
        </p>
      </div>
      <p>
        Moderators review reports in order of urgency. If you left a way to reach you, you will hear about the outcome.
      </p>
      <p>
        <Link to="/report">Report something else</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Report received · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
