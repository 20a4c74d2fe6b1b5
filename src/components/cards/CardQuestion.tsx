/**
 * One card as a question: the right input for its type, keyboard first, then the graded result
 * with the explanation and a link back to the lesson section. Used by the end-of-lesson quiz and
 * the drills page; what happens with the result (the review log) is the caller's business.
 *
 * Keys: Enter submits (Ctrl+Enter in the free-recall box), Enter again goes on; in free recall,
 * 1-4 rate Again/Hard/Good/Easy once the model answer shows; Alt+Up/Down moves an ordering item.
 */
import { useEffect, useId, useRef, useState, type SyntheticEvent, type KeyboardEvent, type ReactNode } from 'react';
import { choiceOrder, gradeAnswer, parseCloze, parseNumber, ratingFor, ratingNames, ratingReason, shuffledItems, type Answer, type Confidence, type Grade, type Rating, type RatingReason } from '../../lib/cards/grade';
import { verdict, whenItReturns, type AnswerPlace } from '../../lib/cards/feedback';
import type { CourseCard } from '../../lib/cards/schema';

/** What the caller gets when the learner has answered. */
export interface AnswerResult {
  card: CourseCard;
  answer: Answer;
  grade: Grade;
  rating: Rating;
  /** Why the answer earned its rating (wrong, guessing, slow, right, quick and certain, self-rated). */
  reason: RatingReason;
  latencyMs: number;
}

interface Props {
  card: CourseCard;
  /** Where the card's lesson section is, e.g. `/lessons/observability/#the-four-golden-signals`. */
  sectionHref: string;
  /**
   * Called once, when the answer is graded (or the recall self-rated). Returns how long until the
   * card comes back (ms from now), for the sentence that says when; undefined leaves the time out.
   */
  onAnswer: (result: AnswerResult) => number | undefined;
  /** How many reviews of this card came before this one: seeds the order of its choices, so a reload or an undo shows the same order. */
  review?: number;
  /** Where the card is asked: the lesson quiz or a drill session (changes where "it comes back"). */
  place?: AnswerPlace;
  /** Called when the learner moves on after seeing the result. */
  onNext: () => void;
  /** Label of the "go on" button. */
  nextLabel?: string;
  /** A line above the question, e.g. "Card 3 of 12 · due". */
  context?: ReactNode;
  /** Extra controls beside "go on" (the drills page's Undo). */
  extraActions?: ReactNode;
  /** Milliseconds clock (performance.now by default; injectable for tests). */
  now?: () => number;
}

/** Renders inline `code` in card text. */
export function CardText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return <>{parts.map((p, i) => (p.startsWith('`') && p.endsWith('`') && p.length > 1 ? <code key={i}>{p.slice(1, -1)}</code> : p))}</>;
}

/** Every blank is as wide as the widest: a blank sized to its answer would give the answer's length away. */
const clozeBlankSize = 24;

const ratingKeys: Record<string, Rating> = { '1': 1, '2': 2, '3': 3, '4': 4 };

/** One card's question, answer and result. */
export default function CardQuestion({ card, sectionHref, onAnswer, onNext, nextLabel = 'Next', context, extraActions, review = 0, place = 'quiz', now = () => performance.now() }: Props) {
  const id = useId();
  const shownAt = useRef(now());
  const [result, setResult] = useState<AnswerResult | null>(null);
  const [untilDue, setUntilDue] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [confidence, setConfidence] = useState<Confidence>(undefined);
  const [revealed, setRevealed] = useState(false);
  // Answers being built, one state per type.
  const [choice, setChoice] = useState<number | null>(null);
  const [choices, setChoices] = useState<number[]>([]);
  const [numberText, setNumberText] = useState('');
  const [blanks, setBlanks] = useState<string[]>([]);
  // Shown orders are fixed when the card appears (the review count grows once it is answered).
  const [shownChoices] = useState<number[]>(() => (card.type === 'single' || card.type === 'multiple' ? choiceOrder(card, review) : []));
  const [order, setOrder] = useState<string[]>(() => (card.type === 'ordering' ? shuffledItems(card, review) : []));
  const [recallText, setRecallText] = useState('');
  const nextButton = useRef<HTMLButtonElement>(null);
  const moved = useRef<number | null>(null);
  const orderButtons = useRef<(HTMLLIElement | null)[]>([]);

  const form = useRef<HTMLFormElement>(null);
  // A new question takes the focus, so keyboard users can answer at once.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input:not([type=radio]), input[type=radio], textarea, li[tabindex="0"]')?.focus();
  }, []);
  useEffect(() => {
    if (result) nextButton.current?.focus();
  }, [result]);
  useEffect(() => {
    if (moved.current !== null) orderButtons.current[moved.current]?.focus();
    moved.current = null;
  }, [order]);

  const finish = (answer: Answer) => {
    const latencyMs = Math.max(0, Math.round(now() - shownAt.current));
    const grade = gradeAnswer(card, answer);
    const r: AnswerResult = { card, answer, grade, rating: ratingFor(card, answer, grade, latencyMs, confidence), reason: ratingReason(card, answer, grade, latencyMs, confidence), latencyMs };
    setResult(r);
    setUntilDue(onAnswer(r));
  };

  const submit = (event?: SyntheticEvent) => {
    event?.preventDefault();
    if (result) return;
    setError(null);
    switch (card.type) {
      case 'single':
        if (choice === null) return setError('Pick one answer first.');
        return finish({ type: 'single', choice });
      case 'multiple':
        if (choices.length === 0) return setError('Pick at least one answer first.');
        return finish({ type: 'multiple', choices });
      case 'numeric': {
        const value = parseNumber(numberText);
        if (value === null) return setError(numberText.trim() === '' ? 'Type a number first.' : `"${numberText}" is not a number; type digits, e.g. 43.2.`);
        return finish({ type: 'numeric', value });
      }
      case 'cloze': {
        const count = parseCloze(card.text).filter((p) => typeof p !== 'string').length;
        const filled = Array.from({ length: count }, (_, i) => blanks[i] ?? '');
        if (filled.some((b) => b.trim() === '')) return setError('Fill in every blank first.');
        return finish({ type: 'cloze', blanks: filled });
      }
      case 'ordering':
        return finish({ type: 'ordering', order });
      case 'recall':
        return setRevealed(true);
    }
  };

  const rate = (rating: Rating) => {
    if (card.type === 'recall' && revealed && !result) finish({ type: 'recall', rating });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (card.type === 'recall' && revealed && !result && ratingKeys[event.key] && target.tagName !== 'TEXTAREA') {
      event.preventDefault();
      rate(ratingKeys[event.key]!);
      return;
    }
    if (event.key !== 'Enter' || result) return;
    if (target.tagName === 'BUTTON' || target.tagName === 'A') return;
    if (target.tagName === 'TEXTAREA' && !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    submit();
  };

  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length || result) return;
    const next = [...order];
    [next[from], next[to]] = [next[to]!, next[from]!];
    moved.current = to;
    setOrder(next);
  };

  const disabled = result !== null;
  const promptId = `${id}-prompt`;
  const errorId = `${id}-error`;
  let input: ReactNode = null;
  switch (card.type) {
    case 'single':
    case 'multiple': {
      const multi = card.type === 'multiple';
      input = (
        <fieldset className="rl-card-choices" aria-describedby={error ? errorId : undefined}>
          <legend className="sr-only">{multi ? 'Choose every right answer' : 'Choose one answer'}</legend>
          {multi && <p className="rl-card-hint">Choose every right answer.</p>}
          {shownChoices.map((i) => {
            const text = card.choices[i]!;
            const right = multi ? card.answers.includes(i) : card.answer === i;
            const picked = multi ? choices.includes(i) : choice === i;
            return (
              <label key={i} className="rl-card-choice" data-right={result ? String(right) : undefined} data-picked={String(picked)}>
                <input
                  data-choice={i}
                  type={multi ? 'checkbox' : 'radio'}
                  name={`${id}-choice`}
                  checked={picked}
                  disabled={disabled}
                  onChange={() => (multi ? setChoices((c) => (c.includes(i) ? c.filter((x) => x !== i) : [...c, i])) : setChoice(i))}
                />
                <span>
                  <CardText text={text} />
                  {result && right && <span className="rl-card-mark"> (right answer)</span>}
                </span>
              </label>
            );
          })}
        </fieldset>
      );
      break;
    }
    case 'numeric':
      input = (
        <p className="rl-card-numeric">
          <label>
            Your answer{' '}
            <input
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={numberText}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => setNumberText(e.target.value)}
            />{' '}
            <span className="rl-card-unit">{card.unit}</span>
          </label>
        </p>
      );
      break;
    case 'cloze': {
      let blank = -1;
      input = (
        <p className="rl-card-cloze">
          {parseCloze(card.text).map((part, i) => {
            if (typeof part === 'string') return <CardText key={i} text={part} />;
            blank += 1;
            const k = blank;
            const ok = result?.grade.blanks?.[k];
            return (
              <span key={i} className="rl-card-blank" data-right={result ? String(ok) : undefined}>
                <input
                  type="text"
                  autoComplete="off"
                  size={clozeBlankSize}
                  aria-label={`Blank ${k + 1}`}
                  value={blanks[k] ?? ''}
                  disabled={disabled}
                  aria-describedby={error ? errorId : undefined}
                  onChange={(e) => setBlanks((b) => Object.assign([...b], { [k]: e.target.value }))}
                />
                {result && !ok && <span className="rl-card-mark"> ({part.accepted[0]})</span>}
              </span>
            );
          })}
        </p>
      );
      break;
    }
    case 'ordering':
      input = (
        <>
          <p className="rl-card-hint" id={`${id}-order-hint`}>
            Put these in order, first at the top: use the buttons, or Alt+Up and Alt+Down on an item.
          </p>
          <ol className="rl-card-order" aria-describedby={`${id}-order-hint`}>
            {order.map((item, i) => (
              <li
                key={item}
                ref={(el) => void (orderButtons.current[i] = el)}
                tabIndex={disabled ? -1 : 0}
                aria-label={`${i + 1}. ${item}`}
                data-right={result ? String(card.items[i] === item) : undefined}
                onKeyDown={(e) => {
                  if (e.altKey && e.key === 'ArrowUp') (e.preventDefault(), move(i, i - 1));
                  if (e.altKey && e.key === 'ArrowDown') (e.preventDefault(), move(i, i + 1));
                }}
              >
                <span className="rl-card-order-text">
                  <CardText text={item} />
                </span>
                <span className="rl-card-order-buttons">
                  <button type="button" className="rl-button rl-button-quiet" disabled={disabled || i === 0} onClick={() => move(i, i - 1)} aria-label={`Move "${item}" up`}>
                    ↑
                  </button>
                  <button type="button" className="rl-button rl-button-quiet" disabled={disabled || i === order.length - 1} onClick={() => move(i, i + 1)} aria-label={`Move "${item}" down`}>
                    ↓
                  </button>
                </span>
              </li>
            ))}
          </ol>
        </>
      );
      break;
    case 'recall':
      input = (
        <>
          <p>
            <label htmlFor={`${id}-recall`}>Your answer (optional: saying it in your head counts)</label>
            <textarea id={`${id}-recall`} rows={3} value={recallText} disabled={revealed} onChange={(e) => setRecallText(e.target.value)} />
          </p>
          {revealed && (
            <div className="rl-card-model">
              <p>
                <strong>Model answer:</strong> <CardText text={card.answer} />
              </p>
              {!result && (
                <div role="group" aria-label="How well did you recall it?" className="rl-card-rate">
                  {([1, 2, 3, 4] as Rating[]).map((r) => (
                    <button key={r} type="button" className="rl-button" onClick={() => rate(r)} autoFocus={r === 3}>
                      <kbd>{r}</kbd> {ratingNames[r]}
                    </button>
                  ))}
                </div>
              )}
            </div>
          )}
        </>
      );
      break;
  }

  return (
    <form ref={form} className="rl-card" data-card={card.id} data-type={card.type} data-state={result ? (result.grade.correct ? 'right' : 'wrong') : 'asking'} onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby={promptId}>
      {context && <p className="rl-card-context">{context}</p>}
      <p className="rl-card-prompt" id={promptId}>
        <CardText text={card.prompt} />
      </p>
      {input}
      {error && (
        <p className="rl-card-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      {!result && card.type !== 'recall' && (
        <fieldset className="rl-card-confidence">
          <legend>How sure are you? (optional)</legend>
          {(['unsure', undefined, 'sure'] as Confidence[]).map((c) => (
            <label key={String(c)}>
              <input type="radio" name={`${id}-confidence`} checked={confidence === c} onChange={() => setConfidence(c)} /> {c === 'unsure' ? 'Guessing' : c === 'sure' ? 'Certain' : 'Fairly sure'}
            </label>
          ))}
        </fieldset>
      )}
      {!result && !(card.type === 'recall' && revealed) && (
        <p>
          <button type="submit" className="rl-button">
            {card.type === 'recall' ? 'Show the answer' : 'Check answer'}
          </button>
        </p>
      )}
      <div aria-live="polite" className="rl-card-result-live">
        {result && (
          <div className="rl-card-result" data-correct={String(result.grade.correct)}>
            <p className="rl-card-verdict">
              <strong>{verdict(result.reason, result.rating, result.latencyMs)}</strong>
              {result.grade.feedback && <> {result.grade.feedback}</>}
            </p>
            <p className="rl-card-rating">{whenItReturns(result.rating, untilDue, place, { named: result.reason !== 'self-rated' })}</p>
            <p className="rl-card-explanation">
              <CardText text={card.explanation} />
            </p>
            <p className="rl-card-actions">
              <button type="button" className="rl-button" ref={nextButton} onClick={onNext}>
                {nextLabel}
              </button>
              {extraActions}
              <a href={sectionHref}>Review this in “{card.lessonTitle}”</a>
            </p>
          </div>
        )}
      </div>
    </form>
  );
}
