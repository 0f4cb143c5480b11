/** The bodies a channel sends: Vouch's JSON, Slack's `{ text }`, and plain text for email. */

export interface AlertMessage {
  id: number;
  kind: string;
  rule: string;
  occurredAt: Date;
  message: string;
  details: unknown;
}

/** Vouch's webhook JSON: the same shape for one alert and for a digest (`alerts` holds them all). */
export function alertJson(target: { id: number; name: string }, alerts: readonly AlertMessage[], sentAt: Date, digest: boolean): string {
  return JSON.stringify({
    type: digest ? 'vouch.alert.digest' : 'vouch.alert',
    version: 1,
    sentAt: sentAt.toISOString(),
    target,
    alerts: alerts.map((a) => ({ id: a.id, kind: a.kind, rule: a.rule, occurredAt: a.occurredAt.toISOString(), message: a.message, details: a.details })),
  });
}

export function alertText(target: { name: string }, alerts: readonly AlertMessage[]): string {
  const lines = [alerts.length === 1 ? `Vouch alert for ${target.name}` : `Vouch: ${alerts.length} alerts for ${target.name}`, ''];
  for (const a of alerts) {
    lines.push(`• ${a.message} [${a.rule}, ${a.occurredAt.toISOString().slice(0, 16).replace('T', ' ')} UTC]`);
    const links = (a.details as { links?: { srcUrl: string; dstUrl: string; reason: string | null }[] } | null)?.links ?? [];
    for (const l of links.slice(0, 10)) lines.push(`    ${l.srcUrl} → ${l.dstUrl}${l.reason ? ` (${l.reason})` : ''}`);
    if (links.length > 10) lines.push(`    … and ${links.length - 10} more`);
  }
  return lines.join('\n') + '\n';
}

/** Slack incoming-webhook payload (also understood by Mattermost, Discord's /slack endpoint, Rocket.Chat). */
export function alertSlack(target: { name: string }, alerts: readonly AlertMessage[], sentAt: Date): string {
  return JSON.stringify({ text: alertText(target, alerts), sentAt: sentAt.toISOString() });
}

export function alertSubject(target: { name: string }, alerts: readonly AlertMessage[]): string {
  return alerts.length === 1 ? `[Vouch] ${alerts[0]!.message}` : `[Vouch] ${alerts.length} alerts for ${target.name}`;
}
