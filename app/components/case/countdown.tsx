import { useEffect, useState } from "react";

// A deadline counting down in the browser. It counts from the server's clock (the page's
// `now`) plus the time elapsed since the page arrived, so a skewed client clock does not
// show a claim as expired, and the server render and the first client render agree.

export function remainingText(ms: number): string {
  if (ms <= 0) return "expired";
  return `${durationText(ms)} left`;
}

/** A stretch of time as the countdowns write it: "9 min 42 s", "2 h 5 min", "6 s". */
export function durationText(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return minutes > 0 ? `${minutes} min ${String(seconds).padStart(2, "0")} s` : `${seconds} s`;
}

/** The server's time now, ticking every second: the page's `now` plus the time since it arrived. */
export function useServerClock(now: string): number {
  const [current, setCurrent] = useState(() => Date.parse(now));
  useEffect(() => {
    const arrived = Date.now();
    const tick = () => setCurrent(Date.parse(now) + Date.now() - arrived);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [now]);
  return current;
}

export function Countdown({ until, now, label }: { until: string; now: string; label: string }) {
  const remaining = Date.parse(until) - useServerClock(now);
  // role="timer" is not announced on every tick; the label says what runs out.
  return (
    <span role="timer" aria-label={`${label}: ${remainingText(remaining)}`} className={remaining <= 60_000 ? "countdown soon" : "countdown"}>
      {remainingText(remaining)}
    </span>
  );
}
