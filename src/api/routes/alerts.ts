import { z } from 'zod';
import { listAlerts } from '../../monitor/index.js';
import { choiceField, integerField, parseReportInput, resolveTarget, textField } from '../../reports/index.js';
import type { ApiRoute } from './api-route.js';

const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'no-channel'] as const;

/** `GET /api/v1/targets/:target/alerts`. */
export const targetAlertsQuery = z.strictObject({
  target: textField('the target: its name, id, or stored value (URL, prefix, host or domain)', 2000),
  status: choiceField(DELIVERY_STATES, 'keep alerts with this delivery status').optional(),
  limit: integerField(1, 500, 'alerts to return, newest first (at most 500)').default(100),
});

/** The alerts monitoring raised for a target (`vouch alerts list`), with their delivery status. */
export const alertRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/targets/:target/alerts',
    operationId: 'listTargetAlerts',
    summary: 'Alerts raised for a target by its rules (lost authority links, new toxic links, referring-domain drops, velocity spikes), newest first, with delivery status',
    tag: 'monitor',
    params: targetAlertsQuery,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the alerts' },
    handle: async ({ c, store, input }) => {
      const q = parseReportInput(targetAlertsQuery, input);
      const target = await resolveTarget(store, q.target);
      const alerts = await listAlerts(store, { targetId: target.id, status: q.status, limit: q.limit });
      return c.json({ target: { id: target.id, name: target.name, value: target.value, scope: target.scope }, alerts });
    },
  },
];
