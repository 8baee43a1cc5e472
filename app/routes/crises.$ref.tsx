import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { When } from "~/components/case/format";
import { CrisisSeverityBadge } from "~/components/crisis/crisis-badges";
import { CommandForms, LinkedCases, NoteForm, People, PinnedNotes, Timeline } from "~/components/crisis/crisis-record";
import { LiveSteps, TaskList } from "~/components/crisis/crisis-work";
import { useCrisisLive } from "~/components/crisis/use-crisis-live";
import { Statechart } from "~/components/diagram/statechart";
import { FormError } from "~/components/form-field";
import { INTENT_PERMISSIONS, RoomAction } from "~/forms/crisis";
import { parseCrisisRef } from "~/models/cases/refs";
import type { CrisisRoomView } from "~/models/crises/crisis-room-view.server";
import { crisisRoom } from "~/models/crises/crisis-room-view.server";
import { actInRoom } from "~/models/crises/crisis-room-commands.server";
import { assignablePeople } from "~/models/crises/crisis-views.server";
import { CRISIS_STATES, crisisTypeLabel } from "~/models/crises/crisis-words";
import { forbidden, requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can } from "~/utils/permissions";
import diagramStyles from "~/styles/diagram.css";
import crisisStyles from "~/styles/crisis.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: diagramStyles },
  { rel: "stylesheet", href: crisisStyles },
];

// The crisis room: its header (severity, state, commander, time since declared, the next
// update's countdown), the playbook's diagram with its live steps, the steps and tasks the
// team works (the viewer's first), the people in roles, linked cases and the timeline. Live
// through server-sent events; every form works without JavaScript.

type LoaderData = {
  room: CrisisRoomView;
  now: string;
  viewerId: string;
  can: { command: boolean; work: boolean; link: boolean };
  people: { id: string; label: string }[];
};
type ActionData = { message: string; status: number };

const notFound = () => Response.json({ message: "There is no such crisis." }, { status: 404, statusText: "Not Found" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:crisis");
  const ref = parseCrisisRef(params.ref ?? "");
  const room = ref ? await crisisRoom(ref, userActor(user) as Extract<ReturnType<typeof userActor>, { kind: "user" }>) : null;
  if (!room) throw notFound();
  const command = can(user.roles, "command:crisis");
  return Response.json({
    room,
    now: new Date().toISOString(),
    viewerId: user.id,
    can: { command, work: can(user.roles, "work:crisis-task"), link: can(user.roles, "link:crisis-case") },
    people: command ? await assignablePeople() : [],
  } satisfies LoaderData);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:crisis");
  const form = await readProtectedForm(request);
  const ref = parseCrisisRef(params.ref ?? "");
  if (!ref) throw notFound();
  const parsed = RoomAction.safeParse(Object.fromEntries(form));
  if (!parsed.success) return Response.json({ message: parsed.error.issues[0]?.message ?? "Fill in the form.", status: 400 } satisfies ActionData, { status: 400 });
  const permission = INTENT_PERMISSIONS[parsed.data.intent];
  if (!can(user.roles, permission)) throw forbidden(permission);
  const outcome = await actInRoom(ref, parsed.data, userActor(user), requestContext(context).requestId);
  if (outcome.status === "applied") return redirect(`/crises/${ref}?done=${encodeURIComponent(outcome.message)}`);
  const status = { forbidden: 403, not_found: 404, conflict: 409, refused: 409, invalid: 422 }[outcome.status];
  return Response.json({ message: outcome.message, status } satisfies ActionData, { status });
}

function minutesBetween(fromIso: string, toIso: string) {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
}

function Countdown({ dueIso, nowIso }: { dueIso: string; nowIso: string }) {
  const minutes = minutesBetween(nowIso, dueIso);
  return (
    <span className={minutes < 0 ? "countdown late" : "countdown"}>
      <When iso={dueIso} /> ({minutes < 0 ? `${-minutes} min late` : `in ${minutes} min`})
    </span>
  );
}

export default function CrisisRoom() {
  const { room, now, viewerId, can: allowed, people } = useLoaderData<LoaderData>();
  const failed = useActionData<ActionData>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const { lastBy } = useCrisisLive(room.ref, room.version);
  const since = minutesBetween(room.declaredAt, now);
  return (
    <div className="crisis-page">
      <h1>
        {room.ref}: {room.title}
      </h1>
      <ul className="crisis-header" aria-label="The crisis at a glance">
        <li>
          <CrisisSeverityBadge severity={room.severity} /> {crisisTypeLabel(room.type)}
        </li>
        <li>
          <strong>State:</strong> {CRISIS_STATES[room.state as keyof typeof CRISIS_STATES] ?? room.state}
        </li>
        <li>
          <strong>Commander:</strong> {room.commander?.name ?? "nobody yet"}
        </li>
        <li>
          <strong>Declared</strong> {since < 60 ? `${since} min` : `${Math.floor(since / 60)} h ${since % 60} min`} ago by {room.declaredBy}
        </li>
        <li>
          <strong>Next update:</strong> {room.nextUpdateDueAt ? <Countdown dueIso={room.nextUpdateDueAt} nowIso={now} /> : "none promised"}
        </li>
      </ul>
      {room.state !== "active" ? (
        <p>
          <Link to={`/crises/${room.ref}/review`}>{room.state === "closed" ? "Read the post-crisis review" : "Open the post-crisis review"}</Link>
        </p>
      ) : null}
      <div aria-live="polite">
        {done && !failed ? <p className="notice success">{done}</p> : null}
        {lastBy ? <p className="hint">Updated just now by {lastBy}.</p> : null}
      </div>
      <FormError message={failed?.message} />
      {room.known ? <p className="known">{room.known}</p> : null}
      <p>
        <Link to={`/crises/${room.ref}/statements`}>Statements: the matrix by audience, channel and language, approvals and publishing</Link>
      </p>
      <div className="crisis-room">
        <div>
          <section aria-labelledby="steps-heading">
            <h2 id="steps-heading">Live steps</h2>
            <LiveSteps steps={room.liveSteps} canWork={allowed.work} />
          </section>
          <section aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">Tasks</h2>
            <TaskList tasks={room.tasks} canWork={allowed.work && room.state !== "closed"} />
          </section>
          <section aria-labelledby="playbook-heading">
            <h2 id="playbook-heading">
              Playbook: {room.playbook.title}, version {room.playbook.version}
            </h2>
            <Statechart layout={room.diagram} id="crisis-diagram" caption="The live steps are marked; done steps carry a tick. Dashed arrows are deadlines." />
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <PinnedNotes room={room} canPin={allowed.work} />
            <Timeline room={room} canPin={allowed.work} />
            {allowed.work ? <NoteForm /> : null}
          </section>
        </div>
        <div>
          <section aria-labelledby="people-heading">
            <h2 id="people-heading">People</h2>
            <People room={room} />
            {allowed.command && room.state !== "closed" ? <CommandForms room={room} people={people} viewerId={viewerId} /> : null}
          </section>
          <section aria-labelledby="cases-heading">
            <h2 id="cases-heading">Linked cases</h2>
            <LinkedCases room={room} canLink={allowed.link} />
          </section>
        </div>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ params }) => [{ title: `Crisis ${params.ref ?? ""} · Vigil` }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
