import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** The lesson's metrics example day, Tuesday 5 March 2024, in UTC. */
const at = (hhmm: string): number => Date.parse(`2024-03-05T${hhmm}:00Z`);

/** Card payments failing: impact 10:00, alert 10:04, acknowledged and detected 10:09. */
const checkout = (severity: M.Severity): M.NewIncident => ({
  title: 'Checkout errors',
  severity,
  affectedServices: ['payment'],
  customerImpact: 'Some card payments fail at checkout.',
  impactStartedAt: at('10:00'),
  detectedAt: at('10:09'),
  alertFiredAt: at('10:04'),
  acknowledgedAt: at('10:09'),
});

export default defineTests<typeof M>([
  // SEV-2 is a major incident: page the commander and open the war room; no stakeholder post (SEV-1 only).
  {
    id: 'declare-sev2',
    name: 'declaring a SEV-2 pages the commander and opens a war room',
    task: 1,
    input: { init: checkout(2), now: at('10:09') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const deps: M.Deps = {
        clock: kit.clock(i.now),
        nextId: () => 'INC-42',
        channels: {
          page: (p, r) => void calls.push(`page ${p}: ${r}`),
          openWarRoom: (id) => void calls.push(`war-room ${id}`),
          post: (id, a, t) => void calls.push(`post ${id} ${a}: ${t}`),
        },
      };
      const inc = m.declareIncident(i.init, 'alice', deps);
      return { id: inc.id, severity: inc.severity, roles: inc.roles, timeline: inc.timeline, calls };
    },
    expect: {
      id: 'INC-42',
      severity: 2,
      roles: { commander: 'alice' },
      timeline: [{ at: at('10:09'), kind: 'declared', detail: 'SEV-2 declared, commander alice' }],
      calls: ['page alice: INC-42 SEV-2: Checkout errors', 'war-room INC-42'],
    },
    points: 2,
  },
  {
    id: 'declare-sev3-quiet',
    name: 'a SEV-3 is not a major incident: no page, no war room, no stakeholder post',
    task: 1,
    input: { init: checkout(3), now: at('10:09') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const deps: M.Deps = {
        clock: kit.clock(i.now),
        nextId: () => 'INC-42',
        channels: {
          page: (p, r) => void calls.push(`page ${p}: ${r}`),
          openWarRoom: (id) => void calls.push(`war-room ${id}`),
          post: (id, a, t) => void calls.push(`post ${id} ${a}: ${t}`),
        },
      };
      const inc = m.declareIncident(i.init, 'alice', deps);
      return { kinds: inc.timeline.map((e) => e.kind), calls };
    },
    expect: { kinds: ['declared'], calls: [] },
  },
  // Operations goes to bob; the commander alice still holds communications and planning.
  {
    id: 'commander-holds-unassigned',
    name: 'after delegating operations, the commander still holds communications and planning',
    task: 1,
    input: { init: checkout(3), now: at('10:09') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const clock = kit.clock(i.now);
      const deps: M.Deps = {
        clock,
        nextId: () => 'INC-42',
        channels: {
          page: (p, r) => void calls.push(`page ${p}: ${r}`),
          openWarRoom: (id) => void calls.push(`war-room ${id}`),
          post: (id, a, t) => void calls.push(`post ${id} ${a}: ${t}`),
        },
      };
      const inc = m.declareIncident(i.init, 'alice', deps);
      clock.time += 2 * 60_000;
      m.assignRole(inc, 'operations', 'bob', deps);
      const roles: M.Role[] = ['commander', 'operations', 'communications', 'planning'];
      return { holders: roles.map((r) => m.roleHolder(inc, r)), last: inc.timeline[inc.timeline.length - 1], calls };
    },
    expect: {
      holders: ['alice', 'bob', 'alice', 'alice'],
      last: { at: at('10:11'), kind: 'role', detail: 'operations: bob' },
      calls: ['page bob: You are operations for INC-42'],
    },
  },
  // SEV-3 -> SEV-2 crosses into major-incident territory. The common escalate_severity reacts only to SEV-1.
  {
    id: 'escalate-into-major',
    name: 'escalating SEV-3 to SEV-2 pages the commander and opens the war room',
    task: 2,
    input: { init: checkout(3), now: at('10:09') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const clock = kit.clock(i.now);
      const deps: M.Deps = {
        clock,
        nextId: () => 'INC-42',
        channels: {
          page: (p, r) => void calls.push(`page ${p}: ${r}`),
          openWarRoom: (id) => void calls.push(`war-room ${id}`),
          post: (id, a, t) => void calls.push(`post ${id} ${a}: ${t}`),
        },
      };
      const inc = m.declareIncident(i.init, 'alice', deps);
      clock.time += 30 * 60_000;
      m.escalate(inc, 2, 'errors spread to all card payments', deps);
      return { severity: inc.severity, last: inc.timeline[inc.timeline.length - 1], calls };
    },
    expect: {
      severity: 2,
      last: { at: at('10:39'), kind: 'escalated', detail: 'SEV-3 to SEV-2: errors spread to all card payments' },
      calls: ['page alice: INC-42 is now SEV-2', 'war-room INC-42'],
    },
    points: 2,
  },
  {
    id: 'escalate-refuses-downgrade',
    name: 'escalate refuses to lower a SEV-2 to SEV-3',
    task: 2,
    input: { init: checkout(2), now: at('10:09') },
    run: (m, i, kit) => {
      const deps: M.Deps = { clock: kit.clock(i.now), nextId: () => 'INC-42', channels: { page: () => {}, openWarRoom: () => {}, post: () => {} } };
      const inc = m.declareIncident(i.init, 'alice', deps);
      m.escalate(inc, 3, 'looks smaller than we thought', deps);
      return inc.severity;
    },
    throws: 'SEV-3 is not more severe than SEV-2',
  },
  // Mitigated 10:43 (customers told), resolved 10:58 by the commander.
  {
    id: 'mitigate-then-resolve',
    name: 'mitigate stops the recovery clock and tells customers; the commander resolves later',
    task: 2,
    input: { init: checkout(2), now: at('10:09') },
    run: (m, i, kit) => {
      const calls: string[] = [];
      const clock = kit.clock(i.now);
      const deps: M.Deps = {
        clock,
        nextId: () => 'INC-42',
        channels: {
          page: () => {},
          openWarRoom: () => {},
          post: (id, a, t) => void calls.push(`post ${id} ${a}: ${t}`),
        },
      };
      const inc = m.declareIncident(i.init, 'alice', deps);
      clock.time = i.now + 34 * 60_000;
      m.mitigate(inc, 'rolled back payment-api v2.14', deps);
      clock.time = i.now + 49 * 60_000;
      m.resolve(inc, 'alice', 'rollback verified, error rate back to 0.1%', deps);
      return { mitigatedAt: inc.mitigatedAt, resolvedAt: inc.resolvedAt, kinds: inc.timeline.map((e) => e.kind), calls };
    },
    expect: {
      mitigatedAt: at('10:43'),
      resolvedAt: at('10:58'),
      kinds: ['declared', 'mitigated', 'resolved'],
      calls: ['post INC-42 customers: Service has been restored. We are monitoring and will post a final update.'],
    },
  },
  {
    id: 'resolve-needs-mitigation',
    name: 'an incident that still hurts users cannot be resolved',
    task: 2,
    input: { init: checkout(2), now: at('10:09') },
    run: (m, i, kit) => {
      const deps: M.Deps = { clock: kit.clock(i.now), nextId: () => 'INC-42', channels: { page: () => {}, openWarRoom: () => {}, post: () => {} } };
      const inc = m.declareIncident(i.init, 'alice', deps);
      m.resolve(inc, 'alice', 'looks fine now', deps);
      return inc.resolvedAt;
    },
    throws: 'INC-42 still has user impact',
  },
  {
    id: 'resolve-only-commander',
    name: 'only the commander resolves the incident',
    task: 2,
    input: { init: checkout(2), now: at('10:09') },
    run: (m, i, kit) => {
      const deps: M.Deps = { clock: kit.clock(i.now), nextId: () => 'INC-42', channels: { page: () => {}, openWarRoom: () => {}, post: () => {} } };
      const inc = m.declareIncident(i.init, 'alice', deps);
      m.assignRole(inc, 'operations', 'bob', deps);
      m.mitigate(inc, 'failed over', deps);
      m.resolve(inc, 'bob', 'done', deps);
      return inc.resolvedAt;
    },
    throws: 'only the commander resolves INC-42',
  },
  // The lesson's example. Detect: 9 and 20 min -> 14.5. Ack: only the alerted one, 10:04 -> 10:09 = 5.
  // Recovery: 52 and 45 min -> 48.5.
  {
    id: 'metrics-lesson',
    name: "the lesson's two incidents: MTTD 14.5, MTTA 5 (one alerted incident), MTTR 48.5 min",
    task: 3,
    input: [
      { impactStartedAt: at('10:00'), alertFiredAt: at('10:04'), acknowledgedAt: at('10:09'), detectedAt: at('10:09'), mitigatedAt: at('10:52') },
      { impactStartedAt: at('14:00'), detectedAt: at('14:20'), mitigatedAt: at('14:45') },
    ],
    run: (m, list) => m.responseMetrics(list),
    expect: { mttd: 14.5, mtta: 5, mttrRecovery: 48.5, incidents: 2 },
    points: 2,
  },
  // Detect: 9 and 6 -> 7.5. Ack: 5 and 2 -> 3.5. Recovery: only the first, 52.
  {
    id: 'metrics-unmitigated',
    name: 'an incident still hurting users counts for MTTD and MTTA but not for MTTR',
    task: 3,
    input: [
      { impactStartedAt: at('10:00'), alertFiredAt: at('10:04'), acknowledgedAt: at('10:09'), detectedAt: at('10:09'), mitigatedAt: at('10:52') },
      { impactStartedAt: at('16:00'), alertFiredAt: at('16:04'), acknowledgedAt: at('16:06'), detectedAt: at('16:06') },
    ],
    run: (m, list) => m.responseMetrics(list),
    expect: { mttd: 7.5, mtta: 3.5, mttrRecovery: 52, incidents: 2 },
  },
  {
    id: 'metrics-empty',
    name: 'no incidents: no means at all (undefined, not 0)',
    task: 3,
    input: [],
    run: (m, list) => {
      const r = m.responseMetrics(list);
      return [r.mttd, r.mtta, r.mttrRecovery, r.incidents];
    },
    expect: [undefined, undefined, undefined, 0],
  },
]);
