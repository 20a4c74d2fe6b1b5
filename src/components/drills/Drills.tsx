/**
 * The drills page: a session of the cards that are due (then, if wanted, a few new ones),
 * leeches, statistics with a 30-day forecast, settings, and moving progress between browsers.
 * Everything is derived from the review log; this view only asks and draws.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { CourseCard } from '../../lib/cards/schema';
import { sectionHref } from '../../lib/cards/links';
import { cardDue, deriveStates, dueCards, nextDue, settingBounds, checkSettings, type SrsSettings } from '../../lib/srs/schedule';
import { countNew, planSession, type SessionItem } from '../../lib/srs/session';
import { ratingNames, type Rating } from '../../lib/cards/grade';
import { changeLog, reviewStore, useReviewLog } from '../../scripts/review-log-browser';
import { reviewCount } from '../../lib/srs/review-log';
import { loadSettings, saveSettings } from '../../scripts/srs-settings-browser';
import CardQuestion, { type AnswerResult } from '../cards/CardQuestion';
// The statistics (recharts) load after the deck is on screen, off the page's critical path.
const DrillStats = lazy(() => import('./DrillStats'));
import DataTransfer from './DataTransfer';

interface Props {
  cards: CourseCard[];
  base: string;
}

interface Session {
  items: SessionItem[];
  index: number;
  /** Review entry ids recorded in this session, with their ratings, in order. */
  done: { entryId: string; card: CourseCard; rating: Rating; correct: boolean }[];
  /** The card answered on screen whose result is showing (undo goes back to it). */
  answered: boolean;
  /** Bumped by undo, so the same card is asked afresh. */
  attempt: number;
}

const href = sectionHref;
const when = (t: number) => new Date(t).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

/** The drills page's app. */
export default function Drills({ cards, base }: Props) {
  const log = useReviewLog();
  const [settings, setSettings] = useState<SrsSettings | null>(null);
  const [includeNew, setIncludeNew] = useState(true);
  const [session, setSession] = useState<Session | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const summaryHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => setSettings(loadSettings()), []);
  // Keep "now" fresh so cards coming due (learning steps of minutes) show up without a reload.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);

  const states = useMemo(() => (log && settings ? deriveStates(log, settings) : null), [log, settings]);
  const cardById = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards]);
  const finished = session !== null && session.index >= session.items.length;
  useEffect(() => {
    if (finished) summaryHeading.current?.focus();
  }, [finished]);

  if (!log || !settings || !states) {
    return (
      <div className="rl-drills" data-ready="false">
        <p>Loading your deck…</p>
      </div>
    );
  }

  const due = dueCards(states, now).filter((s) => cardById.has(s.card));
  const fresh = countNew(cards, states);
  const leeches = [...states.values()].filter((s) => s.leech && cardById.has(s.card));
  const upcoming = nextDue(states, now);

  const start = () => {
    const t = Date.now();
    setNow(t);
    const items = planSession(cards, states, t, settings, includeNew);
    setSession({ items, index: 0, done: [], answered: false, attempt: 0 });
  };

  const record = (r: AnswerResult) => {
    const at = Date.now();
    const entry = changeLog((store) => store.record({ card: r.card.id, rating: r.rating, correct: r.grade.correct, at, latencyMs: r.latencyMs, source: 'drill' }));
    setSession((s) => s && { ...s, answered: true, done: [...s.done, { entryId: entry.id, card: r.card, rating: r.rating, correct: r.grade.correct }] });
    const due = cardDue(reviewStore().log(), settings, r.card.id);
    return due === undefined ? undefined : due - at;
  };

  const next = () => {
    setSession((s) => {
      if (!s) return s;
      const t = Date.now();
      setNow(t);
      // Cards missed in this session come due again within minutes: ask them again at the end.
      let items = s.items;
      if (s.index + 1 >= items.length) {
        const later = dueCards(deriveStates(reviewStore().log(), settings), t).filter((d) => cardById.has(d.card));
        items = [...items, ...later.map((d) => ({ card: cardById.get(d.card)!, kind: 'due' as const }))];
      }
      return { ...s, items, index: s.index + 1, answered: false };
    });
  };

  const undo = () => {
    const taken = changeLog((store) => store.undo());
    if (!taken) return;
    setSession((s) => {
      if (!s) return s;
      const done = s.done.filter((d) => d.entryId !== taken.id);
      // Ask the same card again: back to it if its result is showing, else put it next.
      if (s.answered) return { ...s, done, answered: false, attempt: s.attempt + 1, items: [...s.items.slice(0, s.index), { card: cardById.get(taken.card) ?? s.items[s.index]!.card, kind: 'due' }, ...s.items.slice(s.index + 1)] };
      return s;
    });
  };

  let body;
  if (session && !finished) {
    const item = session.items[session.index]!;
    body = (
      <CardQuestion
        key={`${session.index}-${item.card.id}-${session.attempt}`}
        card={item.card}
        review={reviewCount(log, item.card.id)}
        place="drill"
        sectionHref={href(base, item.card)}
        context={
          <>
            Card {session.index + 1} of {session.items.length} · {item.kind === 'new' ? 'new card' : 'review'} · {item.card.lessonTitle}
          </>
        }
        onAnswer={record}
        onNext={next}
        nextLabel={session.index + 1 < session.items.length ? 'Next card' : 'Finish'}
        extraActions={
          <button type="button" className="rl-button rl-button-quiet" onClick={undo}>
            Undo rating
          </button>
        }
      />
    );
  } else if (finished) {
    const counts = ([1, 2, 3, 4] as Rating[]).map((r) => [r, session!.done.filter((d) => d.rating === r).length] as const);
    const right = session!.done.filter((d) => d.correct).length;
    body = (
      <div className="rl-drills-summary" data-state="finished">
        <h3 ref={summaryHeading} tabIndex={-1}>
          Session done: {session!.done.length} card{session!.done.length === 1 ? '' : 's'}, {right} right
        </h3>
        <ul>
          {counts.map(([r, n]) => (
            <li key={r}>
              {ratingNames[r]}: {n}
            </li>
          ))}
        </ul>
        <p>{upcoming ? `Next card due ${when(upcoming)}.` : 'Nothing is scheduled yet.'}</p>
        <button type="button" className="rl-button" onClick={() => setSession(null)}>
          Back to your deck
        </button>
      </div>
    );
  } else {
    body = (
      <div className="rl-drills-start">
        <p className="rl-drills-due" aria-live="polite">
          {due.length === 0 ? (
            <>Nothing is due right now.{upcoming ? ` The next card is due ${when(upcoming)}.` : ' Take a lesson quiz to fill your deck, or add new cards below.'}</>
          ) : (
            <>
              <strong data-due={due.length}>{due.length}</strong> card{due.length === 1 ? ' is' : 's are'} due.
            </>
          )}
        </p>
        <p>
          <label>
            <input type="checkbox" checked={includeNew} onChange={(e) => setIncludeNew(e.target.checked)} /> Then add up to {settings.newPerSession} new cards ({fresh} not met yet)
          </label>
        </p>
        <button type="button" className="rl-button" onClick={start} disabled={due.length === 0 && (!includeNew || fresh === 0 || settings.newPerSession === 0)}>
          Start a session ({Math.min(settings.sessionLength, due.length + (includeNew ? Math.min(settings.newPerSession, fresh) : 0))} cards)
        </button>
      </div>
    );
  }

  return (
    <div className="rl-drills" data-ready="true">
      <section aria-labelledby="rl-drills-review">
        <h2 id="rl-drills-review">Review</h2>
        {body}
      </section>

      {leeches.length > 0 && (
        <section aria-labelledby="rl-drills-leeches">
          <h2 id="rl-drills-leeches">Leeches: cards that keep slipping</h2>
          <p>These cards lapsed 8 times or more. Another review will not fix them: reread the section, then try again.</p>
          <ul className="rl-drills-leech-list">
            {leeches.map((s) => {
              const card = cardById.get(s.card)!;
              return (
                <li key={s.card} data-card={s.card}>
                  {card.prompt} ({s.lapses} lapses) · <a href={href(base, card)}>reread “{card.lessonTitle}”</a>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <Suspense
        fallback={
          <section aria-labelledby="rl-drills-stats" className="rl-drills-stats" aria-busy="true">
            <h2 id="rl-drills-stats">Statistics</h2>
            <p>Loading the statistics…</p>
          </section>
        }
      >
        <DrillStats log={log} states={states} cards={cards} settings={settings} now={now} />
      </Suspense>

      <section aria-labelledby="rl-drills-settings">
        <h2 id="rl-drills-settings">Settings</h2>
        <SettingsForm
          settings={settings}
          onSave={(s) => {
            if (saveSettings(s)) setSettings(s);
          }}
        />
      </section>

      <DataTransfer cards={cards} />
    </div>
  );
}

const settingLabels: Record<keyof SrsSettings, string> = {
  desiredRetention: 'Desired retention (chance you still remember a card when it comes due)',
  sessionLength: 'Cards per session, at most',
  newPerSession: 'New cards per session, at most',
};

/** The settings form: validated, with the reason shown beside a bad field. */
function SettingsForm({ settings, onSave }: { settings: SrsSettings; onSave: (s: SrsSettings) => void }) {
  const [draft, setDraft] = useState<Record<keyof SrsSettings, string>>(() => ({
    desiredRetention: String(settings.desiredRetention),
    sessionLength: String(settings.sessionLength),
    newPerSession: String(settings.newPerSession),
  }));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="rl-drills-settings"
      onSubmit={(e) => {
        e.preventDefault();
        const values = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim() === '' ? NaN : Number(v)]));
        const checked = checkSettings(values);
        if (!checked.ok) return setMessage({ ok: false, text: checked.error.replace(/^(\w+)/, (k) => settingLabels[k as keyof SrsSettings]?.split(' (')[0] ?? k) });
        onSave(checked.value);
        setMessage({ ok: true, text: 'Saved. Due dates now follow the new retention.' });
      }}
    >
      {(Object.keys(settingBounds) as (keyof SrsSettings)[]).map((key) => (
        <p key={key}>
          <label>
            {settingLabels[key]}{' '}
            <input type="number" min={settingBounds[key].min} max={settingBounds[key].max} step={settingBounds[key].step} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
          </label>
        </p>
      ))}
      <button type="submit" className="rl-button">
        Save settings
      </button>
      <p role={message && !message.ok ? 'alert' : 'status'} className={message?.ok === false ? 'rl-card-error' : undefined}>
        {message?.text}
      </p>
    </form>
  );
}
