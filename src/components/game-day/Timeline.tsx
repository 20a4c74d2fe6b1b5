/** The scribe's timeline, built by the engine from symptoms, actions and injects. */
import { clockText } from '../../../simulations/game-day/clock';

/** One line as the timeline shows it. */
export interface TimelineLine {
  at: number;
  source: 'system' | 'team' | 'facilitator';
  kind: string;
  text: string;
}

const SOURCE_TEXT = { system: 'System', team: 'Team', facilitator: 'Facilitator' } as const;

/** The timeline, oldest first; `heading` names it for assistive technology. */
export default function Timeline({ entries, heading, empty = 'Nothing yet.' }: { entries: readonly TimelineLine[]; heading: string; empty?: string }) {
  return (
    <section className="gd-timeline" aria-label={heading}>
      <h2>{heading}</h2>
      {entries.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ol>
          {entries.map((e, i) => (
            <li key={`${i}-${e.at}-${e.kind}`} data-source={e.source}>
              <span className="gd-time">{clockText(e.at)}</span> <span className="gd-source">{SOURCE_TEXT[e.source]}</span> <span className="gd-kind">{e.kind}</span>{' '}
              <span className="gd-text">{e.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
