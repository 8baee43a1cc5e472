import { Form, NavLink, useLocation } from "@remix-run/react";
import { publicCopy } from "~/i18n/public";
import { usePublicLocale } from "~/i18n/public/use-public-locale";
import type { RootData } from "~/root";
import { CaseSearchBox } from "./case-search-box";
import { CsrfInput } from "./csrf-input";

const LINKS: { to: string; label: string; permission: string }[] = [
  { to: "/crises", label: "Crises", permission: "read:crisis" },
  { to: "/queue", label: "Queue", permission: "read:case" },
  { to: "/cases", label: "All cases", permission: "read:case" },
  { to: "/templates", label: "Templates", permission: "read:template" },
  { to: "/messages", label: "Messages", permission: "read:case" },
  { to: "/audit", label: "Audit log", permission: "read:audit" },
  { to: "/dashboard", label: "Dashboard", permission: "read:dashboard" },
];

// The admin pages share one menu, so the nav stays on one line at 1280 px.
const ADMIN_LINKS: typeof LINKS = [
  { to: "/admin/users", label: "Users", permission: "manage:users" },
  { to: "/admin/keys", label: "API keys", permission: "manage:api-keys" },
  { to: "/admin/rules", label: "Rules", permission: "manage:rules" },
  { to: "/admin/escalation", label: "Escalation", permission: "manage:escalation" },
  { to: "/admin/webhooks", label: "Webhooks", permission: "manage:webhooks" },
  { to: "/admin/playbooks", label: "Playbooks", permission: "read:playbook" },
];

function AdminMenu({ links }: { links: typeof LINKS }) {
  const { pathname } = useLocation();
  if (links.length === 0) return null;
  // Keyed by the address, so the menu closes once one of its pages is open.
  return (
    <details className="nav-menu" key={pathname}>
      <summary className={pathname.startsWith("/admin/") ? "active" : undefined}>Admin</summary>
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to}>{l.label}</NavLink>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function AppNav({ user }: { user: RootData["user"] }) {
  // On a public page a member reads the header in the page's language; staff keep English.
  const locale = usePublicLocale();
  const t = locale && !user ? publicCopy(locale).nav : publicCopy("en").nav;
  return (
    <header className="app-header" lang={locale && user ? "en" : undefined}>
      <a className="skip-link" href="#main">
        {t.skip}
      </a>
      <nav aria-label="Main">
        <NavLink to="/" className="brand">
          Vigil
        </NavLink>
        {user
          ? LINKS.filter((l) => user.permissions.includes(l.permission)).map((l) => (
              <NavLink key={l.to} to={l.to}>
                {l.label}
              </NavLink>
            ))
          : null}
        {user ? <AdminMenu links={ADMIN_LINKS.filter((l) => user.permissions.includes(l.permission))} /> : null}
        {user ? (
          <NavLink to="/inbox" aria-label={user.unread ? `Inbox, ${user.unread} unread` : "Inbox"}>
            Inbox{user.unread ? <span className="badge unread">{user.unread}</span> : null}
          </NavLink>
        ) : null}
        <NavLink to="/report">{t.report}</NavLink>
      </nav>
      {user?.permissions.includes("read:case") ? <CaseSearchBox /> : null}
      <div className="session">
        {user ? (
          <Form method="post" action="/logout">
            <CsrfInput />
            <span>{user.name}</span> <button type="submit">Sign out</button>
          </Form>
        ) : (
          <NavLink to="/login">{t.signIn}</NavLink>
        )}
      </div>
    </header>
  );
}
