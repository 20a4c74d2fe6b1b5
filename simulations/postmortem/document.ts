/**
 * The blameless post-mortem document of the post-mortems lesson, and its review: every problem is
 * reported with the field it belongs to, in words (`Action item 3: owner is required`). Errors are what make
 * the document incomplete; warnings are the lesson's guidance (blaming language, chains that end in
 * an absence, items without success criteria) and never block anything.
 *
 * Form fields are kept as typed (numbers too), so a half-written draft is never lost or rewritten;
 * the review says what is wrong with it. Pure: dates are passed in, nothing reads a clock.
 */
import type { Severity } from '../incident/contract';
import { addDays, daysBetween, isDate } from './dates';

/** Action item priorities, most urgent first. */
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Days from the incident to done, by priority; P3 has no deadline (the lesson's one table). */
export const dueWithinDays: Record<Priority, number | undefined> = { P0: 3, P1: 7, P2: 31, P3: undefined };

/** What each priority means, in the source's words. */
export const PRIORITY_LABELS: Record<Priority, string> = {
  P0: 'P0 critical: within 3 days, start at once',
  P1: 'P1 high: within a week',
  P2: 'P2 medium: within a month',
  P3: 'P3 low: when possible',
};

/** Contributing-factor categories. 'human' may start an analysis, never end it. */
export const FACTOR_CATEGORIES = ['human', 'process', 'technology', 'external'] as const;
export type FactorCategory = (typeof FACTOR_CATEGORIES)[number];

/** Completion-rate target of the source's tracker (a house target, not an industry benchmark), in percent. */
export const TARGET_PERCENT = 85;

/** Size limits that keep a document editable and its storage small. */
export const LIMITS = { timeline: 100, factors: 10, whys: 5, listItems: 30, actionItems: 40, text: 5000 } as const;

/** The impact section, as typed (numbers are validated, not coerced). */
export interface Impact {
  /** Impact start to first detection, minutes. */
  detectionMinutes: string;
  /** Impact start to service restored: how long customers were affected (the course's MTTR). */
  recoveryMinutes: string;
  /** Impact start to incident closed, minutes. */
  resolutionMinutes: string;
  usersAffected: string;
  failedRequests: string;
  /** Share of the error budget this incident spent, in percent. */
  errorBudgetSpentPercent: string;
}

/** One line of the reconstructed timeline: minutes from impact start (`-10` for a change before it). */
export interface TimelineLine {
  minute: string;
  event: string;
  /** Where the entry comes from (alert, chat, deploy log): every claim can be checked. */
  source: string;
}

/** One step of a 5 Whys chain. */
export interface WhyStep {
  why: string;
  because: string;
}

/** A contributing factor with the why-chain that led to it (one branch of the analysis). */
export interface ContributingFactor {
  /** `F1`, `F2`...: what action items point at. */
  id: string;
  description: string;
  /** The category of where the chain ends. */
  category: FactorCategory;
  whys: WhyStep[];
  /** Links to graphs, logs, chat. */
  evidence: string;
}

/** Something that went wrong, with an id (`W1`) so action items can say they answer it. */
export interface WentWrong {
  id: string;
  text: string;
}

/** An action item. `dueDate` empty means "the priority's deadline"; a typed date is checked against it. */
export interface ActionItem {
  /** `A1`, `A2`... */
  id: string;
  description: string;
  owner: string;
  priority: Priority;
  dueDate: string;
  status: 'open' | 'done';
  doneDate: string;
  successCriteria: string;
  /** Ids of the factors (`F1`) or went-wrong items (`W2`) it answers. */
  addresses: string[];
}

/** Where a document was prefilled from, if it was. */
export interface RunReference {
  scenario: string;
  seed: number;
  team: string;
}

/** A blameless post-mortem. */
export interface PostMortem {
  /** Local id in this browser's list (`pm-3`). */
  id: string;
  title: string;
  incidentId: string;
  /** Date of the incident, `YYYY-MM-DD`: deadlines count from it. */
  date: string;
  severity: Severity;
  facilitator: string;
  /** Comma-separated names (and roles) of the people in the review. */
  participants: string;
  /** For a reader who was not there: impact, duration, cause, fix. */
  summary: string;
  impact: Impact;
  timeline: TimelineLine[];
  factors: ContributingFactor[];
  wentWell: string[];
  wentWrong: WentWrong[];
  lucky: string[];
  actionItems: ActionItem[];
  fromRun?: RunReference;
}

/** One finding of the review. */
export interface Issue {
  level: 'error' | 'warning';
  /** The field's path in the document (`actionItems[2].owner`): where the view puts the note. */
  path: string;
  /** The field in words (`Action item 3: owner`). */
  field: string;
  /** What is wrong, without the field (`is required: no item leaves the meeting without an owner`). */
  text: string;
  /** The whole finding in words: `field` then `text`. */
  message: string;
}

const FIELD_WORDS: Record<string, string> = {
  title: 'Title',
  incidentId: 'Incident ID',
  date: 'Incident date',
  severity: 'Severity',
  facilitator: 'Facilitator',
  participants: 'Participants',
  summary: 'Summary',
  'impact.detectionMinutes': 'Time to detect (minutes)',
  'impact.recoveryMinutes': 'Time to recover (minutes)',
  'impact.resolutionMinutes': 'Time to resolve (minutes)',
  'impact.usersAffected': 'Users affected',
  'impact.failedRequests': 'Failed requests',
  'impact.errorBudgetSpentPercent': 'Error budget spent (%)',
  timeline: 'The timeline',
  factors: 'Contributing factors',
  wentWell: 'What went well',
  wentWrong: 'What went wrong',
  lucky: 'Where we got lucky',
  actionItems: 'Action items',
  minute: 'minute',
  event: 'what happened',
  source: 'source',
  description: 'description',
  category: 'category',
  whys: '5 Whys',
  why: 'question',
  because: 'answer',
  evidence: 'evidence',
  owner: 'owner',
  priority: 'priority',
  successCriteria: 'success criteria',
  addresses: 'what it addresses',
  dueDate: 'due date',
  doneDate: 'done date',
};
const LIST_WORDS: Record<string, string> = {
  timeline: 'Timeline entry',
  factors: 'Contributing factor',
  whys: 'why',
  wentWell: 'What went well, item',
  wentWrong: 'What went wrong, item',
  lucky: 'Where we got lucky, item',
  actionItems: 'Action item',
};

/**
 * A field's path in words, as a learner reads the form: `factors[0].whys[1].because` is
 * "Contributing factor 1, why 2: answer", `actionItems[2].owner` is "Action item 3: owner".
 */
export function fieldName(path: string): string {
  const whole = FIELD_WORDS[path];
  if (whole) return whole;
  const parts: string[] = [];
  let last = '';
  for (const segment of path.split('.')) {
    const m = /^(\w+)\[(\d+)\]$/.exec(segment);
    if (m) parts.push(`${LIST_WORDS[m[1]!] ?? m[1]} ${Number(m[2]) + 1}`);
    else last = FIELD_WORDS[segment] ?? segment;
  }
  const head = parts.join(', ');
  if (!head) return last;
  return last ? `${head}: ${last}` : head;
}

/** An empty document for an incident on `date`. */
export function blankPostMortem(id: string, date: string): PostMortem {
  return {
    id,
    title: '',
    incidentId: '',
    date,
    severity: 3,
    facilitator: '',
    participants: '',
    summary: '',
    impact: { detectionMinutes: '', recoveryMinutes: '', resolutionMinutes: '', usersAffected: '', failedRequests: '', errorBudgetSpentPercent: '' },
    timeline: [],
    factors: [],
    wentWell: [],
    wentWrong: [],
    lucky: [],
    actionItems: [],
  };
}

/** The next free id with a prefix among `ids` (`F3` after `F1`, `F2`; gaps are not reused). */
export function nextId(prefix: string, ids: readonly string[]): string {
  let max = 0;
  for (const id of ids) {
    const n = id.startsWith(prefix) ? Number(id.slice(prefix.length)) : NaN;
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${max + 1}`;
}

/** The deadline a priority gives an incident on `incidentDate`; null for P3 or a bad date. */
export function priorityDeadline(incidentDate: string, priority: Priority): string | null {
  const days = dueWithinDays[priority];
  return days === undefined ? null : addDays(incidentDate, days);
}

/** An item's due date: the one typed if it is a date, otherwise its priority's deadline (none for P3). */
export function effectiveDue(item: Pick<ActionItem, 'dueDate' | 'priority'>, incidentDate: string): string | null {
  if (isDate(item.dueDate)) return item.dueDate.trim();
  return priorityDeadline(incidentDate, item.priority);
}

/** The lesson's blame words; `human error` as a conclusion is one of them. */
const BLAMING = /\b(human error|careless(ness)?|forgot|should have|failed to|negligen(t|ce)|sloppy|incompetent|(his|her|their) fault)\b/i;
/** A chain that ends in an absence ("we didn't design for...") is true but not actionable. */
const ABSENCE = /^(we|they|nobody|no one|the team) (didn't|did not|never|don't|do not|hadn't|had not)\b/i;
/** Verbs that make an action item impossible to call done. */
const VAGUE_VERB = /^(improve|review|investigate|look into|consider|monitor better)\b/i;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
/** Owners that are really "nobody yet" (the source generated "TBD"). */
const PLACEHOLDER_OWNER = /^(tbd|tba|todo|n\/?a|\?+|-+|someone|nobody|unassigned)$/i;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names a why-answer must not use as a cause: each participant, and the local part of an email. */
export function participantNames(participants: string): string[] {
  const names = new Set<string>();
  for (const raw of participants.split(/[,;\n]/)) {
    const name = raw.replace(/\(.*?\)/g, '').trim();
    if (name.length < 3) continue;
    names.add(name);
    const at = name.indexOf('@');
    if (at >= 3) names.add(name.slice(0, at));
  }
  return [...names];
}

/** The blame word in a text, if any. */
export const blameWord = (text: string): string | undefined => BLAMING.exec(text)?.[0];

/** A participant named in a text (or an email address), if any. */
export function namedPerson(text: string, names: readonly string[]): string | undefined {
  for (const name of names) if (new RegExp(`(^|[^\\w@.])${escapeRegExp(name)}($|[^\\w@])`, 'i').test(text)) return name;
  return EMAIL.exec(text)?.[0];
}

const NON_NEGATIVE = /^\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;
const SIGNED = /^-?\d+(\.\d+)?$/;

/** The error-budget share above which Google's example policy asks for a P0 action item (percent). */
export const P0_BUDGET_PERCENT = 20;

/**
 * Reviews a document: every error and warning, each naming its field. Errors first within each
 * section, in the order of the form.
 */
export function reviewPostMortem(doc: PostMortem): Issue[] {
  const issues: Issue[] = [];
  const issue = (level: Issue['level'], path: string, text: string) => {
    const field = fieldName(path);
    issues.push({ level, path, field, text, message: `${field} ${text}` });
  };
  const error = (path: string, rest: string) => issue('error', path, rest);
  const warn = (path: string, rest: string) => issue('warning', path, rest);
  const required = (path: string, value: string) => {
    if (value.trim() === '') error(path, 'is required');
  };
  const blame = (path: string, text: string) => {
    const word = blameWord(text);
    if (word) warn(path, `reads as blame ("${word}"): ask what made that action reasonable, and describe the system condition instead`);
  };
  const tooLong = (path: string, text: string) => {
    if (text.length > LIMITS.text) error(path, `is longer than ${LIMITS.text} characters`);
  };

  required('title', doc.title);
  required('incidentId', doc.incidentId);
  if (doc.date.trim() === '') error('date', 'is required');
  else if (!isDate(doc.date)) error('date', `must be a date written YYYY-MM-DD, got "${doc.date}"`);
  if (![1, 2, 3, 4].includes(doc.severity)) error('severity', `must be SEV-1 to SEV-4, got ${String(doc.severity)}`);
  required('summary', doc.summary);
  tooLong('summary', doc.summary);
  blame('summary', doc.summary);

  const minutes = (field: keyof Impact, label: string) => {
    const v = doc.impact[field].trim();
    if (v !== '' && !NON_NEGATIVE.test(v)) error(`impact.${field}`, `must be ${label}, got "${v}"`);
  };
  minutes('detectionMinutes', 'a number of minutes (0 or more)');
  minutes('recoveryMinutes', 'a number of minutes (0 or more)');
  minutes('resolutionMinutes', 'a number of minutes (0 or more)');
  minutes('errorBudgetSpentPercent', 'a percentage (0 or more)');
  for (const field of ['usersAffected', 'failedRequests'] as const) {
    const v = doc.impact[field].trim();
    if (v !== '' && !WHOLE.test(v)) error(`impact.${field}`, `must be a whole number (0 or more), got "${v}"`);
  }
  if (doc.impact.recoveryMinutes.trim() === '') error('impact.recoveryMinutes', 'is required: how long were customers affected?');
  const recovery = Number(doc.impact.recoveryMinutes);
  const resolution = Number(doc.impact.resolutionMinutes);
  const detection = Number(doc.impact.detectionMinutes);
  if (doc.impact.resolutionMinutes.trim() !== '' && doc.impact.recoveryMinutes.trim() !== '' && resolution < recovery) {
    error('impact.resolutionMinutes', `(${resolution}) cannot be less than the time to recover (${recovery}): the incident closes after service is restored`);
  }
  if (doc.impact.detectionMinutes.trim() !== '' && doc.impact.recoveryMinutes.trim() !== '' && detection > recovery) {
    warn('impact.detectionMinutes', `(${detection}) is after recovery (${recovery}): was it detected only after it ended?`);
  }

  if (doc.timeline.length === 0) warn('timeline', 'is empty: start from the record kept during the incident');
  let previous = -Infinity;
  doc.timeline.forEach((line, i) => {
    const p = `timeline[${i}]`;
    const minute = line.minute.trim();
    if (minute === '') error(`${p}.minute`, 'is required (minutes from impact start; negative for earlier changes)');
    else if (!SIGNED.test(minute)) error(`${p}.minute`, `must be a number of minutes from impact start, got "${minute}"`);
    else {
      if (Number(minute) < previous) warn(`${p}.minute`, `(T${formatOffset(Number(minute))}) is earlier than the entry before it: keep the timeline in order`);
      previous = Number(minute);
    }
    required(`${p}.event`, line.event);
    if (line.source.trim() === '') warn(`${p}.source`, 'is empty: every entry should cite where it comes from (alert, chat, deploy log)');
  });

  const names = participantNames(doc.participants);
  const factorIds = new Set(doc.factors.map((f) => f.id));
  const wrongIds = new Set(doc.wentWrong.map((w) => w.id));
  if (doc.factors.length === 0) error('factors', 'needs at least one contributing factor');
  doc.factors.forEach((factor, f) => {
    const p = `factors[${f}]`;
    required(`${p}.description`, factor.description);
    blame(`${p}.description`, factor.description);
    const named = namedPerson(factor.description, names);
    if (named) warn(`${p}.description`, `names a person (${named}) as a cause: name the system condition that made the action possible`);
    if (!FACTOR_CATEGORIES.includes(factor.category)) error(`${p}.category`, `must be one of ${FACTOR_CATEGORIES.join(', ')}`);
    if (factor.category === 'human') {
      error(`${p}.category`, "is 'human': human error may start an analysis, never end it. Ask what made the slip easy to make and hard to notice, and categorise that (process, technology or external)");
    }
    if (factor.whys.length === 0) warn(`${p}.whys`, 'has no 5 Whys yet: walk from the symptom towards something you can change');
    else if (factor.whys.length < 3) warn(`${p}.whys`, `stops after ${factor.whys.length}: is the last answer really something you can change?`);
    if (factor.whys.length > LIMITS.whys) error(`${p}.whys`, `has ${factor.whys.length} steps; five is the most this editor keeps`);
    factor.whys.forEach((step, w) => {
      const s = `${p}.whys[${w}]`;
      required(`${s}.why`, step.why);
      required(`${s}.because`, step.because);
      blame(`${s}.because`, step.because);
      const person = namedPerson(step.because, names);
      if (person) warn(`${s}.because`, `names a person (${person}) as a cause: ask what made their action reasonable, and answer with a system condition`);
    });
    const last = factor.whys[factor.whys.length - 1]?.because.trim() ?? '';
    if (ABSENCE.test(last)) {
      warn(`${p}.whys[${factor.whys.length - 1}].because`, `names an absence ("${last}"): turn it into a concrete design change`);
    }
    if (factor.evidence.trim() === '') warn(`${p}.evidence`, 'is empty: link the graphs, logs or chat that show it');
  });

  if (doc.wentWell.every((t) => t.trim() === '')) warn('wentWell', 'is empty: what worked tells you what to protect');
  doc.wentWell.forEach((t, i) => required(`wentWell[${i}]`, t));
  doc.lucky.forEach((t, i) => required(`lucky[${i}]`, t));
  doc.wentWrong.forEach((w, i) => {
    required(`wentWrong[${i}]`, w.text);
    blame(`wentWrong[${i}]`, w.text);
    if (!doc.actionItems.some((a) => a.addresses.includes(w.id))) {
      warn(`wentWrong[${i}]`, `(${w.id}) has no action item: each needs one, or a written reason why not`);
    }
  });

  if (doc.actionItems.length === 0) error('actionItems', 'are missing: a post-mortem without action items changes nothing');
  const budget = Number(doc.impact.errorBudgetSpentPercent);
  if (NON_NEGATIVE.test(doc.impact.errorBudgetSpentPercent.trim()) && budget > P0_BUDGET_PERCENT && !doc.actionItems.some((a) => a.priority === 'P0')) {
    warn('actionItems', `include no P0 item, but this incident spent ${budget}% of the error budget: over ${P0_BUDGET_PERCENT}%, the example error budget policy asks for at least one`);
  }
  doc.actionItems.forEach((item, i) => {
    const p = `actionItems[${i}]`;
    required(`${p}.description`, item.description);
    if (VAGUE_VERB.test(item.description.trim())) warn(`${p}.description`, 'starts with a vague verb: say what will be different afterwards');
    if (item.owner.trim() === '') error(`${p}.owner`, 'is required: no item leaves the meeting without an owner');
    else if (PLACEHOLDER_OWNER.test(item.owner.trim())) error(`${p}.owner`, `"${item.owner.trim()}" is a placeholder: name a person or a team`);
    if (!PRIORITIES.includes(item.priority)) error(`${p}.priority`, `must be one of ${PRIORITIES.join(', ')}`);
    if (item.successCriteria.trim() === '') warn(`${p}.successCriteria`, 'is empty: nobody can say when it is done');
    if (item.addresses.length === 0) warn(`${p}.addresses`, 'is empty: the item answers no contributing factor or failure');
    for (const ref of item.addresses) {
      if (!factorIds.has(ref) && !wrongIds.has(ref)) error(`${p}.addresses`, `names ${ref}, which is not a contributing factor or a went-wrong item`);
    }
    const due = item.dueDate.trim();
    const window = dueWithinDays[item.priority];
    if (due !== '') {
      if (!isDate(due)) error(`${p}.dueDate`, `must be a date written YYYY-MM-DD, got "${due}"`);
      else if (isDate(doc.date)) {
        const days = daysBetween(doc.date, due)!;
        if (days < 0) error(`${p}.dueDate`, `(${due}) is before the incident (${doc.date.trim()})`);
        else if (window !== undefined && days > window) {
          error(`${p}.dueDate`, `(${due}) is ${days} days after the incident, but ${item.priority} must be done within ${window} (by ${priorityDeadline(doc.date, item.priority)}): change the priority openly, not the date quietly`);
        }
      }
    }
    if (item.status === 'done') {
      const doneDate = item.doneDate.trim();
      if (doneDate === '') error(`${p}.doneDate`, 'is required for a done item');
      else if (!isDate(doneDate)) error(`${p}.doneDate`, `must be a date written YYYY-MM-DD, got "${doneDate}"`);
      else if (isDate(doc.date) && daysBetween(doc.date, doneDate)! < 0) error(`${p}.doneDate`, `(${doneDate}) is before the incident (${doc.date.trim()})`);
    }
  });
  return issues;
}

/**
 * A short label from a longer text, cut at a word boundary with an ellipsis ("lost its storage…",
 * never "lost its storage volu"): for headings that name an item by its description.
 */
export function clipWords(text: string, max: number): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const cut = t.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  const head = (space > max / 2 ? cut.slice(0, space) : t.slice(0, max)).replace(/[\s,;:.!?-]+$/, '');
  return `${head}…`;
}

/** `+15`, `-10`, `+0`: a minute offset from impact start. */
export function formatOffset(minute: number): string {
  return minute < 0 ? `-${Math.abs(minute)}` : `+${minute}`;
}

/** How many errors and warnings, in words. */
export function issueCounts(issues: readonly Issue[]): { errors: number; warnings: number; text: string } {
  const errors = issues.filter((i) => i.level === 'error').length;
  const warnings = issues.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return { errors, warnings, text: `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` };
}
