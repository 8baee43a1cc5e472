// A scheduler in its own process, as a second app instance would run it: ticks at a
// given virtual time until no timer is due, then prints how many it fired.
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";

const now = new Date(process.argv[2]);
const rounds = Number(process.argv[3] ?? 5);
const scheduler = createScheduler({ fire: fireCaseTimer, instanceId: `test:${process.pid}`, batch: 5, onError: () => {} });
let fired = 0;
for (let i = 0; i < rounds; i++) fired += await scheduler.tick(now);
console.log(JSON.stringify({ fired }));
await prisma.$disconnect();
