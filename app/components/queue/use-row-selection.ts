import { useCallback, useRef, useState } from "react";

// The queue's keyboard selection: one row at a time, tracked by case ref so that a live
// refresh that adds or removes rows does not move it. Moving the selection focuses the
// row's link, so screen readers announce it and Enter opens it natively.

export function useRowSelection(refs: readonly string[]) {
  const [selectedRef, setSelectedRef] = useState<string | null>(null);
  const links = useRef(new Map<string, HTMLAnchorElement>());

  const linkRef = useCallback((ref: string, el: HTMLAnchorElement | null) => {
    if (el) links.current.set(ref, el);
    else links.current.delete(ref);
  }, []);

  const move = (step: 1 | -1) => {
    if (refs.length === 0) return;
    const at = selectedRef ? refs.indexOf(selectedRef) : -1;
    const next = at === -1 ? (step === 1 ? 0 : refs.length - 1) : Math.min(refs.length - 1, Math.max(0, at + step));
    setSelectedRef(refs[next]);
    links.current.get(refs[next])?.focus();
  };

  // A selection whose row has gone (dismissed elsewhere, another page) is no selection.
  const current = selectedRef && refs.includes(selectedRef) ? selectedRef : null;
  return { selectedRef: current, select: setSelectedRef, move, linkRef };
}
