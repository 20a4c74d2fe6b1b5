/**
 * Predict, then see: the learner says when the first page will come before the hour plays, and
 * the view sets the prediction beside what happened. Pure: the run and the prediction in, words out.
 */
import type { GoldenSignalsRun } from './model';

/** A prediction: the minute of the first page, or `none` for "no alert will fire". */
export type PagePrediction = { minute: number } | 'none';

/** The first alert that fires in the run: its rule and second, or null when none fires. */
export function firstPage(run: Pick<GoldenSignalsRun, 'events'>): { rule: string; at: number } | null {
  const e = run.events.find((ev) => ev.state === 'firing');
  return e ? { rule: e.rule, at: e.at } : null;
}

/** Checks a typed minute: a number from 0 to 60, halves allowed. */
export function checkPredictionMinute(text: string): { ok: true; minute: number } | { ok: false; error: string } {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return { ok: false, error: 'type a minute from 0 to 60, such as 14' };
  const minute = Number(t);
  if (minute > 60) return { ok: false, error: 'the run is one hour: a minute from 0 to 60' };
  return { ok: true, minute };
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/** The prediction beside the outcome, in one sentence; how far off in minutes when both paged. */
export function predictionVerdict(prediction: PagePrediction, run: Pick<GoldenSignalsRun, 'events'>): { text: string; offByMinutes: number | null } {
  const page = firstPage(run);
  if (prediction === 'none') {
    return page
      ? { text: `You predicted no page; ${page.rule} fired at ${clock(page.at)}.`, offByMinutes: null }
      : { text: 'You predicted no page, and no alert fired: right.', offByMinutes: null };
  }
  const said = `You predicted the first page at minute ${prediction.minute}`;
  if (!page) return { text: `${said}; no alert fired in this hour.`, offByMinutes: null };
  const off = Math.round((page.at / 60 - prediction.minute) * 10) / 10;
  const how = Math.abs(off) < 0.5 ? 'within half a minute' : off > 0 ? `${Math.abs(off)} min later than you said` : `${Math.abs(off)} min earlier than you said`;
  return { text: `${said}; ${page.rule} fired at ${clock(page.at)}, ${how}.`, offByMinutes: off };
}
