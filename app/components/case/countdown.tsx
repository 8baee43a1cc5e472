import { useEffect, useState } from "react";

// A deadline counting down in the browser. It counts from the server's clock (the page's
// `now`) plus the time elapsed since the page arrived, so a skewed client clock does not
// show a claim as expired, and the server render and the first client render agree.

export function remainingText(ms: number): string {
  if (ms <= 0) return "expired";
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
  return minutes > 0 ? `${minutes} min ${String(seconds).padStart(2, "0")} s left` : `${seconds} s left`;
}

export function Countdown({ until, now, label }: { until: string; now: string; label: string }) {
  const [remaining, setRemaining] = useState(() => Date.parse(until) - Date.parse(now));
  useEffect(() => {
    const arrived = Date.now();
    const tick = () => setRemaining(Date.parse(until) - (Date.parse(now) + Date.now() - arrived));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until, now]);
  // role="timer" is not announced on every tick; the label says what runs out.
  return (
    <span role="timer" aria-label={`${label}: ${remainingText(remaining)}`} className={remaining <= 60_000 ? "countdown soon" : "countdown"}>
      {remainingText(remaining)}
    </span>
  );
}
