import { loadCardBanks } from './cards';
import { deckSchema } from '../../src/lib/cards/schema';
import { answerLongest } from './cards-cues';
const cards = loadCardBanks().flatMap((b) => (b.raw ? deckSchema.parse(b.raw).cards : []));
const single = cards.filter((c) => c.type === 'single') as any[];
const ids = new Set(answerLongest(single));
for (const c of single) if (ids.has(c.id)) { console.log(`## ${c.id}\nQ: ${c.prompt.replace(/\s+/g,' ')}`); c.choices.forEach((x: string, i: number) => console.log(`${i === c.answer ? '*' : ' '} [${x.length}] ${x.replace(/\s+/g,' ')}`)); }
