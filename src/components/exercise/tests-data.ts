/**
 * Visible tests as the exercise page ships them: computed at build time (the probe source and the
 * encoded expectation), decoded in the browser for `judge()`. The tests module itself never
 * reaches the browser, and hidden tests are never read by the site at all.
 */
import type { ExpectedError, TestCase } from '../../lib/grading/cases';
import { decodeValue, encodeValue, type Probe } from '../../lib/grading/sandbox-runner.mjs';
import { toProbe } from '../../lib/grading/verdict';

/** A visible test, serialisable as island props (NaN, Infinity, -0, Map, Set survive the encoding). */
export interface ShippedTest {
  id: string;
  name: string;
  task: number;
  points?: number;
  tolerance?: number;
  throws?: ExpectedError;
  /** `encodeValue(test.expect)`. */
  expect: unknown;
  /** What the sandbox receives. */
  probe: Probe;
}

/** Build time: turns a visible test into data for the page. */
export function shipTest(test: TestCase<any>): ShippedTest {
  const shipped: ShippedTest = { id: test.id, name: test.name, task: test.task, expect: encodeValue(test.expect), probe: toProbe(test) };
  if (test.points !== undefined) shipped.points = test.points;
  if (test.tolerance !== undefined) shipped.tolerance = test.tolerance;
  if (test.throws !== undefined) shipped.throws = test.throws;
  return shipped;
}

/** In the browser: the test as `judge()` needs it (the probe function itself stays a string in `probe.run`). */
export function receiveTest(shipped: ShippedTest): TestCase<any> {
  const test: TestCase<any> = { id: shipped.id, name: shipped.name, task: shipped.task, expect: decodeValue(shipped.expect), run: () => undefined };
  if (shipped.points !== undefined) test.points = shipped.points;
  if (shipped.tolerance !== undefined) test.tolerance = shipped.tolerance;
  if (shipped.throws !== undefined) test.throws = shipped.throws;
  return test;
}
