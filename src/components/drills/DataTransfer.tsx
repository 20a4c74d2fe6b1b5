/**
 * Moving progress: export everything as JSON, import a file (merged with what is here, all or
 * nothing), and export the deck in Anki's text format.
 */
import { useRef, useState } from 'react';
import type { CourseCard } from '../../lib/cards/schema';
import { ankiDeck, exportProgress } from '../../lib/srs/transfer';
import { browserStore } from '../../scripts/browser-store';
import { downloadText as download } from '../../scripts/download';
import { changeLog } from '../../scripts/review-log-browser';

/** Largest file accepted for import (bytes): far above a real export, far below what would hang the page. */
export const maxImportBytes = 5_000_000;

/** The "your data" section of the drills page. */
export default function DataTransfer({ cards }: { cards: CourseCard[] }) {
  /** The outcome shown: a sentence, and for an import one line per part of the data and a closing sentence. */
  const [message, setMessage] = useState<{ ok: boolean; text: string; items?: string[]; after?: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const today = () => new Date().toISOString().slice(0, 10);

  const onExport = () => {
    const { file, skipped } = exportProgress(browserStore(), Date.now());
    download(`reliability-lab-progress-${today()}.json`, 'application/json', JSON.stringify(file, null, 2));
    setMessage({ ok: true, text: `Exported ${Object.keys(file.areas).length} parts of your progress.${skipped.length ? ` Left out, unreadable: ${skipped.join(', ')}.` : ''}` });
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    // The previous outcome must not stand while (or if) this one fails.
    setMessage({ ok: true, text: `Importing ${file.name}…` });
    const done = (next: NonNullable<typeof message>) => {
      setMessage(next);
      if (fileInput.current) fileInput.current.value = '';
    };
    if (file.size > maxImportBytes) {
      return done({ ok: false, text: `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; a progress file is far smaller. Nothing was imported; the data in this browser is unchanged.` });
    }
    try {
      const [{ importProgress }, text] = await Promise.all([import('../../lib/srs/import-progress'), file.text()]);
      const result = importProgress(browserStore(), text, Date.now());
      if (!result.ok) return done({ ok: false, text: `${file.name}: ${result.error}` });
      // Other parts of the page (and other tabs) read the merged data.
      changeLog((store) => store.refresh());
      document.dispatchEvent(new Event('rlab:exercise-status'));
      done({
        ok: true,
        text: `Imported ${file.name}, merged with what was here:`,
        items: [...result.summary, ...result.leftOut.map((part) => `left out: ${part}`)],
        after: 'Reload other open course pages to see it.',
      });
    } catch (error) {
      done({ ok: false, text: `${file.name} could not be imported (${error instanceof Error ? error.message : String(error)}). Nothing was imported; the data in this browser is unchanged.` });
    }
  };

  return (
    <section aria-labelledby="rl-drills-data">
      <h2 id="rl-drills-data">Your data</h2>
      <p>Your progress lives only in this browser. To move it to another one, export it here and import the file there: the import merges it with what that browser holds and never writes over it.</p>
      <p className="rl-drills-data-actions">
        <button type="button" className="rl-button" onClick={onExport}>
          Export progress (JSON)
        </button>
        <label className="rl-button rl-button-quiet rl-file-button">
          Import progress…
          <input ref={fileInput} type="file" accept="application/json,.json" className="sr-only" onChange={(e) => void onImport(e.target.files?.[0])} />
        </label>
        <button type="button" className="rl-button rl-button-quiet" onClick={() => download(`reliability-lab-anki-${today()}.txt`, 'text/plain', ankiDeck(cards))}>
          Export the deck for Anki
        </button>
      </p>
      <p className="rl-card-hint">Anki: File → Import, pick the .txt file; it reads the separator, HTML and tags from the file.</p>
      <div role={message && !message.ok ? 'alert' : 'status'} className={`rl-transfer-message${message?.ok === false ? ' rl-card-error' : ''}`} data-transfer-message>
        {message && <p>{message.text}</p>}
        {message?.items && (
          <ul>
            {message.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        )}
        {message?.after && <p>{message.after}</p>}
      </div>
    </section>
  );
}
