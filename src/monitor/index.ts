// verify: re-check the target's backlinks
export { verify } from './verify.js';
export type { VerifyHooks } from './verify.js';
export { VERIFY_DEFAULTS, resolveVerifyOptions } from './verify-defaults.js';
export type { ResolvedVerifyOptions } from './verify-defaults.js';
export { LOSS_REASONS } from './types.js';
export type { LossReason, PageObservation, ObservedLink, VerifyOptions, VerifyResult, VerifyEventCount, VerifyProgress } from './types.js';
// monitor: verify + re-crawl + alerts, locked, scheduled
export { runMonitor } from './run-monitor.js';
export type { MonitorOptions, MonitorHooks, MonitorResult } from './run-monitor.js';
export { discoverLinks, DISCOVER_DEFAULTS } from './discover-links.js';
export type { DiscoverOptions, DiscoverResult } from './discover-links.js';
export { acquireMonitorLock, withMonitorLock, monitorLockName } from './monitor-lock.js';
export type { MonitorLock } from './monitor-lock.js';
export { parseCron, saveMonitorSchedule, removeMonitorSchedule, listMonitorSchedules } from './monitor-schedules.js';
export type { MonitorSchedule } from './monitor-schedules.js';
export { startMonitorSchedules } from './start-monitor-schedules.js';
export type { MonitorSchedulesHandle, StartSchedulesOptions } from './start-monitor-schedules.js';
// alerts
export { addAlertRule, listAlertRules, removeAlertRule, alertRuleNote, ALERT_RULE_KINDS, ALERT_RULE_DEFAULTS } from './alerts/alert-rules.js';
export type { AlertRule, AlertRuleKind, AlertRuleParams } from './alerts/alert-rules.js';
export { addAlertChannel, listAlertChannels, removeAlertChannel, redactChannel } from './alerts/alert-channels.js';
export type { AlertChannel, AlertChannelInput, AlertChannelKind } from './alerts/alert-channels.js';
export { evaluateAlerts } from './alerts/evaluate-alerts.js';
export type { EvaluateResult, NewAlert, AlertLink } from './alerts/evaluate-alerts.js';
export { deliverAlerts, MAX_TOTAL_ATTEMPTS } from './alerts/deliver-alerts.js';
export type { DeliverOptions, DeliverResult } from './alerts/deliver-alerts.js';
export { sendWebhook, signWebhookBody, WEBHOOK_DEFAULTS } from './alerts/send-webhook.js';
export type { WebhookOptions, SendOutcome } from './alerts/send-webhook.js';
export { sendEmail, EMAIL_DEFAULTS } from './alerts/send-email.js';
export type { EmailMessage, EmailOptions } from './alerts/send-email.js';
export { listAlerts } from './alerts/list-alerts.js';
export type { AlertRow } from './alerts/list-alerts.js';
export { raiseAlert } from './alerts/raise-alert.js';
export type { RaiseAlertInput } from './alerts/raise-alert.js';
