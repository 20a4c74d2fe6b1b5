/**
 * What the team may see of an incident: the projector's picture. Built from the engine's state
 * by keeping only team-visible things; the root cause, the facilitator's notes and
 * facilitator-only symptoms and timeline lines never make it into the picture.
 */
import type { IncidentState, Role, Severity, SignalPoint, SymptomSpec } from '../incident/contract';

/** The team's picture of the incident at a minute. */
export interface TeamPicture {
  title: string;
  service: string;
  briefing: string;
  team: string;
  minute: number;
  phase: IncidentState['phase'];
  severity: Severity | null;
  roleHolders: Partial<Record<Role, string>>;
  symptoms: { id: string; kind: SymptomSpec['kind']; text: string; shownAt: number }[];
  signals: SignalPoint[];
  timeline: { at: number; source: 'system' | 'team' | 'facilitator'; kind: string; text: string }[];
  messages: { at: number; text: string }[];
  restoredAt: number | null;
}

/** The team's picture of `state` (copies only team-visible fields, by name). */
export function teamPicture(state: IncidentState, team: string): TeamPicture {
  return {
    title: state.scenario.title,
    service: state.scenario.service,
    briefing: state.scenario.briefing,
    team,
    minute: state.minute,
    phase: state.phase,
    severity: state.severity,
    roleHolders: { ...state.roleHolders },
    symptoms: state.symptoms.filter((s) => s.visibleToTeam !== false).map(({ id, kind, text, shownAt }) => ({ id, kind, text, shownAt })),
    signals: state.signals,
    timeline: state.timeline.filter((t) => t.visibleToTeam).map(({ at, source, kind, text }) => ({ at, source, kind, text })),
    messages: state.messages.map(({ at, text }) => ({ at, text })),
    restoredAt: state.restoredAt,
  };
}

/** Words for the phase, as the projector shows them. */
export const PHASE_TEXT: Record<IncidentState['phase'], string> = {
  undetected: 'Nothing has alerted yet',
  alerting: 'Alerting: nobody has acknowledged',
  acknowledged: 'Acknowledged',
  declared: 'Incident declared',
  mitigated: 'Mitigated: service restored',
  resolved: 'Resolved',
};

/** Role names as people say them. */
export const ROLE_TEXT: Record<Role, string> = {
  'incident-commander': 'Incident commander',
  operations: 'Operations lead',
  communications: 'Communications lead',
  scribe: 'Scribe',
};
