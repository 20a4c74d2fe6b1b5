/**
 * The incident engine and built-in scenarios as the game day uses them: one import point, so
 * the console, the team view and the tests all run the same engine (`simulations/incident/`).
 */
import { incidentEngine } from '../incident/engine';
import { builtInScenarios } from '../incident/scenarios';
import type { IncidentEngine, Scenario } from '../incident/contract';

/** The engine (pure functions of the contract). */
export const engine: IncidentEngine = incidentEngine;

/** The built-in scenarios, database outage first when present (the game day's default). */
export const gameDayScenarios: readonly Scenario[] = Object.values(builtInScenarios).sort((a, b) => Number(b.id === 'database-outage') - Number(a.id === 'database-outage'));
