/**
 * The action panel: the facilitator (or the team's scribe) records what the team does. Each
 * action is stamped with the current simulated minute by the machine and checked by the engine;
 * a refused action is explained, never silently dropped.
 */
import { useId, useState } from 'react';
import { mitigations, roles, type Mitigation, type Role, type Scenario, type Severity } from '../../../simulations/incident/contract';
import type { ActionInput } from '../../../simulations/game-day/machine';
import { ROLE_TEXT } from '../../../simulations/game-day/team-view';

/** The kinds the panel offers, in the order a response usually goes. */
const KINDS = [
  ['acknowledge', 'Acknowledge the page'],
  ['declare', 'Declare an incident'],
  ['set-severity', 'Change the severity'],
  ['assign-role', 'Assign a role'],
  ['status-update', 'Post a status update'],
  ['diagnose', 'Run a diagnostic check'],
  ['mitigate', 'Apply a mitigation'],
  ['escalate', 'Escalate'],
  ['note', 'Add a note to the timeline'],
  ['resolve', 'Resolve the incident'],
] as const;
type Kind = (typeof KINDS)[number][0];

const SEVERITIES: Severity[] = [1, 2, 3, 4];

/** Records the team's actions. `disabled` while the game is not running or paused. */
export default function ActionPanel({ scenario, disabled, onRecord }: { scenario: Scenario; disabled: boolean; onRecord: (action: ActionInput) => void }) {
  const id = useId();
  const [kind, setKind] = useState<Kind>('acknowledge');
  const [person, setPerson] = useState('');
  const [severity, setSeverity] = useState<Severity>(scenario.expectedSeverity === 1 ? 2 : 1);
  const [title, setTitle] = useState('');
  const [reason, setReason] = useState('');
  const [role, setRole] = useState<Role>('incident-commander');
  const [audience, setAudience] = useState<'internal' | 'public'>('internal');
  const [text, setText] = useState('');
  const [check, setCheck] = useState(scenario.diagnostics[0]?.check ?? '');
  const [mitigation, setMitigation] = useState<Mitigation>(mitigations[0]);
  const [target, setTarget] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    const need = (value: string, what: string) => {
      if (value.trim() === '') {
        setMissing(`Fill in ${what} first.`);
        return false;
      }
      return true;
    };
    let action: ActionInput | null = null;
    switch (kind) {
      case 'acknowledge':
        if (need(person, 'who acknowledged')) action = { kind, by: person.trim() };
        break;
      case 'declare':
        action = { kind, severity, title: title.trim() || scenario.title };
        break;
      case 'set-severity':
        action = { kind, severity, reason: reason.trim() };
        break;
      case 'assign-role':
        if (need(person, 'the person')) action = { kind, role, person: person.trim() };
        break;
      case 'status-update':
        if (need(text, 'the update')) action = { kind, audience, text: text.trim() };
        break;
      case 'diagnose':
        if (need(check, 'the check')) action = { kind, check };
        break;
      case 'mitigate':
        action = target.trim() ? { kind, mitigation, target: target.trim() } : { kind, mitigation };
        break;
      case 'escalate':
        if (need(person, 'who to escalate to')) action = { kind, to: person.trim(), reason: reason.trim() };
        break;
      case 'note':
        if (need(text, 'the note')) action = { kind, text: text.trim() };
        break;
      case 'resolve':
        action = { kind };
        break;
    }
    if (!action) return;
    setMissing(null);
    onRecord(action);
    if (kind === 'status-update' || kind === 'note') setText('');
  };

  const personLabel = kind === 'acknowledge' ? 'Who acknowledged' : kind === 'escalate' ? 'Escalate to' : 'Person';
  return (
    <form className="rl-sim-controls gd-actions" onSubmit={submit} aria-labelledby={`${id}-legend`}>
      <fieldset className="rl-sim-fieldset" disabled={disabled}>
        <legend id={`${id}-legend`}>Record the team's action</legend>
        <label>
          Action
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {(kind === 'acknowledge' || kind === 'assign-role' || kind === 'escalate') && (
          <label>
            {personLabel}
            <input type="text" value={person} onChange={(e) => setPerson(e.target.value)} autoComplete="off" />
          </label>
        )}
        {kind === 'assign-role' && (
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_TEXT[r]}
                </option>
              ))}
            </select>
          </label>
        )}
        {(kind === 'declare' || kind === 'set-severity') && (
          <label>
            Severity
            <select value={severity} onChange={(e) => setSeverity(Number(e.target.value) as Severity)}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  SEV-{s}
                  {s <= 2 ? ' (major)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'declare' && (
          <label>
            Title
            <input type="text" value={title} placeholder={scenario.title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />
          </label>
        )}
        {(kind === 'set-severity' || kind === 'escalate') && (
          <label>
            Reason
            <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </label>
        )}
        {kind === 'status-update' && (
          <label>
            Audience
            <select value={audience} onChange={(e) => setAudience(e.target.value as 'internal' | 'public')}>
              <option value="internal">Internal (responders, stakeholders)</option>
              <option value="public">Public (customers, status page)</option>
            </select>
          </label>
        )}
        {(kind === 'status-update' || kind === 'note') && (
          <label className="gd-wide">
            {kind === 'note' ? 'Note' : 'Update'}
            <input type="text" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
          </label>
        )}
        {kind === 'diagnose' && (
          <label>
            Check
            <select value={check} onChange={(e) => setCheck(e.target.value)}>
              {scenario.diagnostics.map((d) => (
                <option key={d.check} value={d.check}>
                  {d.check} ({d.minutes} min)
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'mitigate' && (
          <>
            <label>
              Mitigation
              <select value={mitigation} onChange={(e) => setMitigation(e.target.value as Mitigation)}>
                {mitigations.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Target (optional)
              <input type="text" value={target} onChange={(e) => setTarget(e.target.value)} autoComplete="off" />
            </label>
          </>
        )}
        <button type="submit" className="rl-button">
          Record
        </button>
      </fieldset>
      {missing && (
        <p className="rl-sim-warning" role="alert">
          {missing}
        </p>
      )}
    </form>
  );
}
