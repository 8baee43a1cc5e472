import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseCrisisRef } from "~/models/cases/refs";
import { reviewMarkdown } from "~/models/crises/crisis-review-markdown";
import { crisisReviewView } from "~/models/crises/crisis-review-view.server";
import { requirePermission } from "~/utils/auth.server";

// GET /crises/:ref/review.md: the post-crisis review as a Markdown file, for whoever may
// read the crisis.

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:crisis");
  const ref = parseCrisisRef(params.ref ?? "");
  const view = ref ? await crisisReviewView(ref) : null;
  if (!view) return Response.json({ message: "There is no such crisis." }, { status: 404 });
  return new Response(reviewMarkdown(view), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="vigil-review-${view.crisis.ref}.md"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
