import { prisma } from "~/utils/db.server";
import { crisisFacts } from "../crises/crisis-review-facts.server";
import type { CrisisSums } from "./crisis-figures";
import { emptyCrisisSums } from "./crisis-figures";
import type { Period } from "./period";

// The crisis timings of a period and the one before, from the crises declared in each,
// measured from their timelines as their reviews are. Crises are few (tens a quarter, not
// millions), so they are read row by row rather than rolled up; the rule, language and
// source filters do not apply to them. Null when no crisis was ever declared.

export async function crisisTimings(period: Period, now = new Date()): Promise<{ current: CrisisSums; previous: CrisisSums } | null> {
  if ((await prisma.crisis.count()) === 0) return null;
  const crises = await prisma.crisis.findMany({ where: { declaredAt: { gte: period.previousFrom, lt: period.to } }, select: { id: true, declaredAt: true }, orderBy: { declaredAt: "asc" } });
  const sums = { current: emptyCrisisSums(), previous: emptyCrisisSums() };
  for (const crisis of crises) {
    const facts = await crisisFacts(crisis.id, now);
    if (!facts) continue;
    const into = crisis.declaredAt >= period.from ? sums.current : sums.previous;
    const minutes = (key: string) => facts.timings.find((t) => t.key === key)?.minutes ?? null;
    into.crises += 1;
    // Time to declare counts only when a linked report came before the declaration.
    const declare = minutes("declared");
    if (declare !== null) into.toDeclare.push(declare);
    const statement = minutes("firstStatement");
    if (statement !== null) into.toFirstStatement.push(statement);
    const resolve = minutes("resolved");
    if (resolve !== null) into.toResolve.push(resolve);
    into.updatesDue += facts.updates.due;
    into.updatesOnTime += facts.updates.onTime;
  }
  return sums;
}
