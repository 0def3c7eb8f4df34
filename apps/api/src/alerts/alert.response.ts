import type { Alert } from '@app/alerting';

/** The public shape of an alert: explicit, so a new column never leaks into the API by accident. */
export function toAlertResponse(a: Alert) {
  return {
    id: a.id,
    athleteId: a.athleteId,
    ruleId: a.ruleId,
    kind: a.kind,
    severity: a.severity,
    status: a.status,
    firstTriggeredOn: a.firstTriggeredOn,
    lastTriggeredOn: a.lastTriggeredOn,
    title: a.title,
    message: a.message,
    evidence: a.evidence,
    evidenceGrade: a.evidenceGrade,
    recommendations: a.recommendations,
    history: a.history,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export type AlertResponse = ReturnType<typeof toAlertResponse>;
