/**
 * The end-of-lesson quiz: the lesson's cards in order, one at a time. Every answer goes into the
 * review log (source "quiz"), which puts the card in the learner's deck; the drills page then
 * brings it back when FSRS says it is due.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CourseCard } from '../../lib/cards/schema';
import { sectionHref } from '../../lib/cards/links';
import { withBase } from '../../lib/base-path.mjs';
import { cardDue, deriveStates } from '../../lib/srs/schedule';
import { reviewCount } from '../../lib/srs/review-log';
import { quizScore } from '../../lib/srs/scores';
import { changeLog, useReviewLog } from '../../scripts/review-log-browser';
import { loadSettings } from '../../scripts/srs-settings-browser';
import CardQuestion, { type AnswerResult } from './CardQuestion';
import { quizMinutes } from '../../lib/lesson-time';

interface Props {
  lessonId: string;
  lessonTitle: string;
  cards: CourseCard[];
  /** Site base path, for links. */
  base: string;
}

const href = sectionHref;

/** The quiz at the end of a lesson. */
export default function LessonQuiz({ lessonTitle, cards, base }: Props) {
  const log = useReviewLog();
  const [index, setIndex] = useState<number | null>(null);
  const [results, setResults] = useState<AnswerResult[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = useMemo(() => cards.map((c) => c.id), [cards]);
  const score = log ? quizScore(log, ids) : null;
  const finished = index !== null && index >= cards.length;

  useEffect(() => {
    if (finished) heading.current?.focus();
  }, [finished]);

  const start = () => {
    setResults([]);
    setIndex(0);
  };

  const record = (r: AnswerResult) => {
    setResults((rs) => [...rs, r]);
    const at = Date.now();
    const after = changeLog((store) => (store.record({ card: r.card.id, rating: r.rating, correct: r.grade.correct, at, latencyMs: r.latencyMs, source: 'quiz' }), store.log()));
    const due = cardDue(after, loadSettings(), r.card.id);
    return due === undefined ? undefined : due - at;
  };

  if (index === null || finished) {
    // Before hydration (no log yet) this renders the same idle view with the button disabled,
    // so the page does not shift when the island takes over.
    const states = finished && log ? deriveStates(log, loadSettings()) : null;
    const firstDue = states ? Math.min(...ids.flatMap((id) => (states.get(id) ? [states.get(id)!.fsrs.due.getTime()] : []))) : NaN;
    const right = results.filter((r) => r.grade.correct).length;
    return (
      <div className="rl-quiz" data-ready={log ? 'true' : 'false'} data-state={finished ? 'finished' : 'idle'}>
        {finished ? (
          <>
            <h3 ref={heading} tabIndex={-1}>
              You got {right} of {results.length} right
            </h3>
            <p>
              All {results.length} cards are now in your deck. Missed ones come back on your drills page in about a minute; right ones after a first step of minutes, then days and weeks apart as you keep getting them right.
              {Number.isFinite(firstDue) && <> The first is due {new Date(firstDue).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}.</>}
            </p>
            {results.some((r) => !r.grade.correct) && (
              <>
                <p>Worth rereading:</p>
                <ul>
                  {results
                    .filter((r) => !r.grade.correct)
                    .map((r) => (
                      <li key={r.card.id}>
                        <a href={href(base, r.card)}>{r.card.prompt.length > 90 ? `${r.card.prompt.slice(0, 87)}...` : r.card.prompt}</a>
                      </li>
                    ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <p>
            {cards.length} questions on “{lessonTitle}”, about {quizMinutes(cards.length)} minutes. Answering puts each card in your deck, and the{' '}
            <a href={withBase('/drills/', base)}>drills page</a> brings it back just before you would forget it.
            {score && score.answered > 0 && (
              <>
                {' '}
                Last time: <strong className="rl-quiz-score">{score.right} of {score.total}</strong> right.
              </>
            )}
          </p>
        )}
        <p className="rl-quiz-actions">
          <button type="button" className="rl-button" onClick={start} disabled={!log}>
            {finished || (score && score.answered > 0) ? 'Take the quiz again' : 'Start the quiz'}
          </button>
          {finished && <a href={withBase('/drills/', base)}>Go to your drills</a>}
        </p>
      </div>
    );
  }

  const card = cards[index]!;
  return (
    <div className="rl-quiz" data-ready="true" data-state="asking">
      <progress max={cards.length} value={index} aria-label="Quiz progress" />
      <CardQuestion
        key={card.id}
        card={card}
        review={log ? reviewCount(log, card.id) : 0}
        place="quiz"
        sectionHref={href(base, card)}
        context={`Question ${index + 1} of ${cards.length}`}
        onAnswer={record}
        onNext={() => setIndex(index + 1)}
        nextLabel={index + 1 < cards.length ? 'Next question' : 'See your score'}
      />
    </div>
  );
}
