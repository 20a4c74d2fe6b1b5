/**
 * Which simulators exist, by the id lessons use in `<ActivePractice embed="simulation:<id>">`.
 * Each entry lazily imports its view, so a lesson loads only the simulators it embeds, and
 * only when the learner reaches them.
 */
import type { ComponentType } from 'react';

/** Lazy loaders of simulator views, by id. */
export const simulationViews = {
  'burn-rate': () => import('../../simulations/burn-rate/View'),
  canary: () => import('../../simulations/canary/View'),
  'game-day': () => import('../../simulations/game-day/View'),
  'golden-signals': () => import('../../simulations/golden-signals/View'),
  incident: () => import('../../simulations/incident/View'),
  postmortem: () => import('../../simulations/postmortem/View'),
  'runbook-automation': () => import('../../simulations/runbook-automation/View'),
  'toil-roi': () => import('../../simulations/toil-roi/View'),
} satisfies Record<string, () => Promise<{ default: ComponentType }>>;

/** A registered simulator id. */
export type SimulationId = keyof typeof simulationViews;

/** True if a simulator with this id exists. */
export function isSimulationId(id: string): id is SimulationId {
  return Object.hasOwn(simulationViews, id);
}
