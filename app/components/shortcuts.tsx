import { useEffect, useRef, useState } from "react";

// Single-key shortcuts for pages people work all day (the queue, the case page), and
// the "?" dialog that lists them. Keys never fire while someone types in a field,
// never steal Enter or Space from a focused link or button, and never combine with
// Ctrl, Alt or Meta, so browser and screen-reader commands keep working.

export type Shortcut = {
  /** The `KeyboardEvent.key` it answers to: "j", "Enter", "?"; "C" means Shift+C. */
  key: string;
  /** How the help dialog writes the key, if not `key` itself (e.g. "Shift + C"). */
  label?: string;
  /** What it does, for the help dialog. */
  description: string;
  run: () => void;
};

/** The parts of a DOM element the key filter looks at (so it can be tested without a DOM). */
type ElementLike = { tagName?: string; type?: string; isContentEditable?: boolean; closest?: (selector: string) => unknown };
export type KeyLike = {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: unknown;
};

const NOT_TYPING = new Set(["checkbox", "radio", "button", "submit", "reset", "image", "file", "color", "range"]);

/** True when keys pressed at `target` are text being typed (fields, selects, editable text). */
export function isTypingTarget(target: unknown): boolean {
  const el = target as ElementLike | null;
  if (!el || typeof el !== "object") return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName?.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  return tag === "INPUT" && !NOT_TYPING.has((el.type ?? "text").toLowerCase());
}

function activatesOnEnter(target: unknown): boolean {
  const el = target as ElementLike | null;
  return Boolean(el?.closest?.("a[href], button, input, summary, [role=button], [role=link]"));
}

/** The shortcut a key press should run, or null when the page should leave it alone. */
export function shortcutFor(event: KeyLike, shortcuts: readonly Shortcut[]): Shortcut | null {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return null;
  if (isTypingTarget(event.target)) return null;
  // A modal dialog handles its own keys (Escape closes it).
  if ((event.target as ElementLike | null)?.closest?.("dialog")) return null;
  if ((event.key === "Enter" || event.key === " ") && activatesOnEnter(event.target)) return null;
  return shortcuts.find((s) => s.key === event.key) ?? null;
}

/** Binds `shortcuts` on the document while the component is mounted. */
export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event, current.current);
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}

/** The list of shortcuts as a modal dialog; Escape or "Close" closes it and focus goes back. */
export function ShortcutsDialog({
  shortcuts,
  open,
  onClose,
  title = "Keyboard shortcuts",
}: {
  shortcuts: readonly Shortcut[];
  open: boolean;
  onClose: () => void;
  title?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      el.showModal();
    } else if (!open && el.open) {
      el.close();
    }
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      onClose={() => {
        onClose();
        returnTo.current?.focus();
      }}
      style={{ maxWidth: "32rem", borderRadius: 6, border: "1px solid #d0d7de" }}
    >
      <h2 id="shortcuts-title" style={{ marginTop: 0 }}>
        {title}
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.key}>
              <td>
                <kbd>{s.label ?? s.key}</kbd>
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Shortcuts do nothing while you type in a field. Escape closes this list.</p>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}

/**
 * Binds `shortcuts` plus "?" for the help, and renders a "Keyboard shortcuts" button
 * (for mouse users and to be found at all) with the dialog.
 */
export function KeyboardShortcuts({ shortcuts, title }: { shortcuts: readonly Shortcut[]; title?: string }) {
  const [open, setOpen] = useState(false);
  const help: Shortcut = { key: "?", description: "Show this list", run: () => setOpen(true) };
  const all = [...shortcuts, help];
  useShortcuts(all);
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Keyboard shortcuts
      </button>
      <ShortcutsDialog shortcuts={all} open={open} onClose={() => setOpen(false)} title={title} />
    </>
  );
}
