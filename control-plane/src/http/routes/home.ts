import express, { Router, type Request } from 'express';
import type { Deps } from '../../deps.js';
import { listAgents } from '../../domain/agents.js';
import { getDeployment, listDeployments } from '../../domain/deployments.js';
import { listEvents } from '../../domain/events.js';
import { renderDeployment } from '../deployment-page.js';
import { listGraphs } from '../../domain/graphs.js';
import { AppError } from '../../app-error.js';
import { renderDashboard, renderNotFound, renderSignIn } from '../home-page.js';
import { statusReturnPath } from '../status-return.js';

export const SESSION_COOKIE = 'inflow_admin';
const WEEK_MS = 7 * 24 * 3600 * 1000;

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const originOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** A field of the sign-in form's body, if it is one plain string. */
function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(name in body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The status pages under /status: plain server-rendered HTML with no scripts, for a look at the
 * installation without the editor. The admin token may ride in an
 * HttpOnly, SameSite=Strict cookie, which opens this read-only page and nothing else: the API
 * takes only the Authorization header, so a cross-site form can never act with it.
 */
export function homeRoutes(deps: Deps): Router {
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  return Router()
    .get('/', async (req, res) => {
      res.type('html').set('Cache-Control', 'no-store');
      if (!deps.admin.verify(readCookie(req, SESSION_COOKIE))) {
        res.send(renderSignIn(originOf(req), { next: statusReturnPath(req.query.next) }));
        return;
      }
      const [agents, graphs, deployments] = await Promise.all([
        listAgents(deps.store, deps.sessions, deps.hub),
        listGraphs(deps.store),
        listDeployments(deps.store),
      ]);
      res.send(renderDashboard(agents, graphs, deployments));
    })
    .get('/deployments/:id', async (req, res) => {
      res.type('html').set('Cache-Control', 'no-store');
      if (!deps.admin.verify(readCookie(req, SESSION_COOKIE))) {
        // Signing in comes back here, not to the dashboard (a link from the editor).
        res.redirect(303, `/status?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      try {
        const view = await getDeployment(deps.store, deps.hub, req.params.id);
        res.send(renderDeployment(view, (await listEvents(deps, view.id)).events));
      } catch (e) {
        // A page, not the API's JSON: this link is followed in a browser (an old bookmark).
        if (!(e instanceof AppError) || e.status !== 404) throw e;
        res.status(404).send(renderNotFound(e.message));
      }
    })
    .post('/login', form, async (req, res) => {
      res.type('html');
      const next = statusReturnPath(formField(req.body, 'next'));
      const wait = await deps.limiter.retryAfter('http', { ip: req.ip });
      if (wait !== undefined) {
        res.set('Retry-After', String(wait)).status(429);
        const error = `Too many failed attempts; try again in ${wait} s.`;
        res.send(renderSignIn(originOf(req), { error, next }));
        return;
      }
      const token = formField(req.body, 'token');
      if (token !== undefined && deps.admin.verify(token)) {
        const secure = req.secure;
        res.cookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          secure,
          maxAge: WEEK_MS,
        });
        res.redirect(303, next ?? '/status');
        return;
      }
      await deps.limiter.recordFailure('http', { ip: req.ip });
      deps.metrics.authFailures.inc({ surface: 'http' });
      const error = 'That is not the admin token.';
      res.status(401).send(renderSignIn(originOf(req), { error, next }));
    })
    .post('/logout', (_req, res) => {
      res.clearCookie(SESSION_COOKIE).redirect(303, '/status');
    });
}
