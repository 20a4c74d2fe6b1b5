/** Connects every consolidation text box on the page to the saved notes. */
import { maxNoteLength, notesArea } from '../lib/areas';
import { load, save } from './browser-store';

/** Fills each `textarea[data-note-id]` from storage and saves it (debounced) as the learner types. */
export function wireConsolidationNotes(): void {
  const fields = [...document.querySelectorAll<HTMLTextAreaElement>('textarea[data-note-id]')];
  if (fields.length === 0) return;
  const initial = load(notesArea);
  for (const field of fields) {
    const id = field.dataset.noteId!;
    const status = document.getElementById(field.getAttribute('aria-describedby') ?? '');
    field.value = initial[id]?.text ?? '';
    if (initial[id]) status!.textContent = 'Your saved answer is back. It is kept in this browser only.';
    let timer: number | undefined;
    const persist = () => {
      if (field.value.length > maxNoteLength) {
        if (status) status.textContent = `Not saved: answers are limited to ${maxNoteLength.toLocaleString()} characters.`;
        return;
      }
      // Re-read so another tab's answers to other prompts are not overwritten.
      const notes = load(notesArea);
      if (field.value.trim() === '') delete notes[id];
      else notes[id] = { text: field.value, savedAt: Date.now() };
      if (save(notesArea, notes) && status) status.textContent = 'Saved in this browser.';
    };
    field.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(persist, 300);
    });
    field.addEventListener('blur', () => {
      window.clearTimeout(timer);
      persist();
    });
    window.addEventListener('pagehide', persist);
  }
}
