import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** Saturday 8 June 2024, in UTC. */
const at = (hhmm: string): number => Date.parse(`2024-06-08T${hhmm}:00Z`);

/** Login failing for everyone: impact 02:10, reported by a customer at 02:31, no alert. */
const login = (severity: M.Severity): M.NewIncident => ({
  title: 'Login fails',
  severity,
  affectedServices: ['user-auth'],
  customerImpact: 'Nobody can log in.',
  impactStartedAt: at('02:10'),
  detectedAt: at('02:31'),
});

export default defineTests<typeof M>([
  {
    id: 'declare-sev1',
    name: 'a SEV-1 also tells the stakeholders',
    task: 1,
    input: { init: login(1), now: at('02:31') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const deps: M.Deps = {
        clock: kit.clock(i.now),
        nextId: () => 'INC-7',
        channels: {
          page: (p, r) => void calls.push(`page ${p}: ${r}`),
          openWarRoom: (id) => void calls.push(`war-room ${id}`),
          post: (id, a, t) => void calls.push(`post ${id} ${a}: ${t}`),
        },
      };
      const inc = m.declareIncident(i.init, 'priya', deps);
      return { detail: inc.timeline[0]?.detail, calls };
    },
    expect: {
      detail: 'SEV-1 declared, commander priya',
      calls: ['page priya: INC-7 SEV-1: Login fails', 'war-room INC-7', 'post INC-7 stakeholders: SEV-1: Login fails'],
    },
  },
  {
    id: 'declare-keeps-facts',
    name: 'the record keeps every fact it was declared with',
    task: 1,
    input: { init: login(4), now: at('02:31') },
    run: (m, i, kit) => {
      const deps: M.Deps = { clock: kit.clock(i.now), nextId: () => 'INC-8', channels: { page: () => {}, openWarRoom: () => {}, post: () => {} } };
      const inc = m.declareIncident(i.init, 'priya', deps);
      return [inc.id, inc.title, inc.severity, inc.affectedServices, inc.customerImpact, inc.impactStartedAt, inc.detectedAt, inc.alertFiredAt];
    },
    expect: ['INC-8', 'Login fails', 4, ['user-auth'], 'Nobody can log in.', at('02:10'), at('02:31'), undefined],
  },
  // Command handed from priya to sam: every role nobody holds moves with it; planning stays with lee.
  {
    id: 'handoff-moves-unassigned',
    name: 'after a command handoff the new commander holds every role not delegated',
    task: 1,
    input: { init: login(2), now: at('02:31') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const deps: M.Deps = { clock: kit.clock(i.now), nextId: () => 'INC-7', channels: { page: (p, r) => void calls.push(`${p}: ${r}`), openWarRoom: () => {}, post: () => {} } };
      const inc = m.declareIncident(i.init, 'priya', deps);
      m.assignRole(inc, 'planning', 'lee', deps);
      m.assignRole(inc, 'commander', 'sam', deps);
      const roles: M.Role[] = ['commander', 'operations', 'communications', 'planning'];
      return { holders: roles.map((r) => m.roleHolder(inc, r)), calls: calls.slice(1) };
    },
    expect: {
      holders: ['sam', 'sam', 'sam', 'lee'],
      calls: ['lee: You are planning for INC-7', 'sam: You are commander for INC-7'],
    },
  },
  // Already a major incident: no new page or war room, only the stakeholder post.
  {
    id: 'escalate-2-to-1',
    name: 'SEV-2 to SEV-1 only adds the stakeholder post',
    task: 2,
    input: { init: login(2), now: at('02:31') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const deps: M.Deps = {
        clock: kit.clock(i.now),
        nextId: () => 'INC-7',
        channels: {
          page: (p, r) => void calls.push(`page ${p}: ${r}`),
          openWarRoom: (id) => void calls.push(`war-room ${id}`),
          post: (id, a, t) => void calls.push(`post ${id} ${a}: ${t}`),
        },
      };
      const inc = m.declareIncident(i.init, 'priya', deps);
      calls.length = 0;
      m.escalate(inc, 1, 'session tokens may have leaked', deps);
      return { severity: inc.severity, calls };
    },
    expect: { severity: 1, calls: ['post INC-7 stakeholders: INC-7 escalated to SEV-1: session tokens may have leaked'] },
  },
  {
    id: 'escalate-4-to-1',
    name: 'SEV-4 straight to SEV-1 pages, opens the war room and tells stakeholders',
    task: 2,
    input: { init: login(4), now: at('02:31') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const deps: M.Deps = {
        clock: kit.clock(i.now),
        nextId: () => 'INC-7',
        channels: {
          page: (p, r) => void calls.push(`page ${p}: ${r}`),
          openWarRoom: (id) => void calls.push(`war-room ${id}`),
          post: (id, a, t) => void calls.push(`post ${id} ${a}: ${t}`),
        },
      };
      const inc = m.declareIncident(i.init, 'priya', deps);
      m.escalate(inc, 1, 'all logins fail', deps);
      return { detail: inc.timeline[1]?.detail, calls };
    },
    expect: {
      detail: 'SEV-4 to SEV-1: all logins fail',
      calls: ['page priya: INC-7 is now SEV-1', 'war-room INC-7', 'post INC-7 stakeholders: INC-7 escalated to SEV-1: all logins fail'],
    },
  },
  {
    id: 'escalate-same-level',
    name: 'escalating to the same severity is refused too',
    task: 2,
    input: { init: login(3), now: at('02:31') },
    run: (m, i, kit) => {
      const deps: M.Deps = { clock: kit.clock(i.now), nextId: () => 'INC-7', channels: { page: () => {}, openWarRoom: () => {}, post: () => {} } };
      const inc = m.declareIncident(i.init, 'priya', deps);
      m.escalate(inc, 3, 'still bad', deps);
      return inc.severity;
    },
    throws: 'SEV-3 is not more severe than SEV-3',
  },
  {
    id: 'refused-downgrade-changes-nothing',
    name: 'a refused downgrade leaves severity, timeline and channels untouched',
    task: 2,
    input: { init: login(1), now: at('02:31') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const deps: M.Deps = {
        clock: kit.clock(i.now),
        nextId: () => 'INC-7',
        channels: { page: (p) => void calls.push(p), openWarRoom: (id) => void calls.push(id), post: (id) => void calls.push(id) },
      };
      const inc = m.declareIncident(i.init, 'priya', deps);
      calls.length = 0;
      let error = '';
      try {
        m.escalate(inc, 4, 'only one customer', deps);
      } catch (e) {
        error = e instanceof RangeError ? 'RangeError' : 'other error';
      }
      return { error, severity: inc.severity, entries: inc.timeline.length, calls };
    },
    expect: { error: 'RangeError', severity: 1, entries: 1, calls: [] },
  },
  {
    id: 'escalate-without-commander',
    name: 'an incident with no commander pages the commander rotation when it becomes major',
    task: 2,
    input: {
      incident: { id: 'INC-9', title: 'Search slow', severity: 3, affectedServices: ['search'], customerImpact: 'Search is slow.', impactStartedAt: at('02:00'), detectedAt: at('02:05'), roles: {}, timeline: [] },
      now: at('02:40'),
    },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const deps: M.Deps = { clock: kit.clock(i.now), nextId: () => 'unused', channels: { page: (p, r) => void calls.push(`${p}: ${r}`), openWarRoom: () => {}, post: () => {} } };
      m.escalate(i.incident, 2, 'search times out for large tenants', deps);
      return calls;
    },
    expect: ['incident-commander-rotation: INC-9 is now SEV-2'],
  },
  // First mitigation at 02:58 stops the clock; a second one at 03:20 is recorded but does not move it.
  {
    id: 'mitigate-twice',
    name: 'the recovery clock stops at the first mitigation; later ones only add to the timeline',
    task: 2,
    input: { init: login(2), now: at('02:31') },
    run: (m, i, kit) => {
      const clock = kit.clock(i.now);
      const deps: M.Deps = { clock, nextId: () => 'INC-7', channels: { page: () => {}, openWarRoom: () => {}, post: () => {} } };
      const inc = m.declareIncident(i.init, 'priya', deps);
      clock.time += 27 * 60_000;
      m.mitigate(inc, 'failed over to the secondary', deps);
      clock.time += 22 * 60_000;
      m.mitigate(inc, 'restarted connection pools', deps);
      return { mitigatedAt: inc.mitigatedAt, timeline: inc.timeline.slice(1) };
    },
    expect: {
      mitigatedAt: at('02:58'),
      timeline: [
        { at: at('02:58'), kind: 'mitigated', detail: 'failed over to the secondary' },
        { at: at('03:20'), kind: 'mitigated', detail: 'restarted connection pools' },
      ],
    },
  },
  // Detect: 21, 3, 12 -> 12. Ack: only the third (alert 09:02, ack 09:13 = 11); the second alert was
  // never acknowledged, the first was human-reported. Recovery: 48 and 30 -> 39; the second is unmitigated.
  {
    id: 'metrics-three',
    name: 'three incidents: one human-reported, one never acknowledged and unmitigated',
    task: 3,
    input: [
      { impactStartedAt: at('02:10'), detectedAt: at('02:31'), mitigatedAt: at('02:58') },
      { impactStartedAt: at('05:00'), alertFiredAt: at('05:03'), detectedAt: at('05:03') },
      { impactStartedAt: at('09:00'), alertFiredAt: at('09:02'), acknowledgedAt: at('09:13'), detectedAt: at('09:12'), mitigatedAt: at('09:30') },
    ],
    run: (m, list) => m.responseMetrics(list),
    expect: { mttd: 12, mtta: 11, mttrRecovery: 39, incidents: 3 },
    points: 2,
  },
  {
    id: 'metrics-all-human-reported',
    name: 'no incident was alerted: MTTA is undefined, the other means exist',
    task: 3,
    input: [
      { impactStartedAt: at('02:10'), detectedAt: at('02:31'), mitigatedAt: at('02:58') },
      { impactStartedAt: at('11:00'), detectedAt: at('11:45'), mitigatedAt: at('12:00') },
    ],
    run: (m, list) => {
      const r = m.responseMetrics(list);
      return [r.mttd, r.mtta, r.mttrRecovery, r.incidents];
    },
    // Detect 21 and 45 -> 33; recovery 48 and 60 -> 54.
    expect: [33, undefined, 54, 2],
  },
  // 90 s to detect, 45 s to acknowledge, 10 min 30 s to recover: minutes, not ms or whole minutes.
  {
    id: 'metrics-seconds',
    name: 'metrics are in minutes, fractions kept',
    task: 3,
    input: [{ impactStartedAt: 0, detectedAt: 90_000, alertFiredAt: 60_000, acknowledgedAt: 105_000, mitigatedAt: 630_000 }],
    run: (m, list) => m.responseMetrics(list),
    expect: { mttd: 1.5, mtta: 0.75, mttrRecovery: 10.5, incidents: 1 },
  },
]);
