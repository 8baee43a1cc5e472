import crypto from "node:crypto";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import type { RouteObject } from "react-router-dom";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import App, { loader as rootLoader } from "~/root";
import { TEST_CLIENT_IP } from "./http";

// Renders a page as the server would: the real root loader and the page's own loader and
// action, then the root's nav and the page's component to HTML. For tests that assert what
// a person reads (the words, the language) without a browser. Remix's hooks are React
// Router's, so React Router's static handler stands in for Remix's document render.

// Remix's argument types differ from React Router's only in what this render passes anyway.
type RouteFunction = (args: { request: Request; params: Record<string, string | undefined>; context: never }) => unknown;
type RouteModule = {
  default: ComponentType;
  loader?: RouteFunction;
  action?: RouteFunction;
  handle?: unknown;
  ErrorBoundary?: ComponentType;
};

/** The page's HTML, or the Response the route answered instead (a redirect, an error). */
export async function renderPage(request: Request, id: string, path: string, module: RouteModule): Promise<string | Response> {
  const routes: RouteObject[] = [
    {
      id: "root",
      path: "/",
      loader: rootLoader as RouteObject["loader"],
      Component: App,
      children: [{ id, path, loader: module.loader as RouteObject["loader"], action: module.action as RouteObject["action"], handle: module.handle, Component: module.default, ErrorBoundary: module.ErrorBoundary }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(request, { requestContext: { clientIp: TEST_CLIENT_IP, requestId: crypto.randomUUID() } });
  if (context instanceof Response) return context;
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}
