/**
 * What the person meant, decided before the machine sees the message. Order matters and is
 * the safety order: a protection signal wins over everything, then global commands (language,
 * a person, menu, help, erase my data), then the options of the last message (number, title,
 * synonym), then free text (an answer to a question, or a question for the FAQ).
 */
import type { DialogSignal, ReferenceLookup } from '../../src/core/dialog.ts';
import type { Topic } from '../../src/core/domain.ts';
import { DEFAULT_LANG, isLang, LANGUAGE, LANGUAGES, type Lang } from '../../src/core/languages.ts';
import type { Choice } from '../../src/core/message.ts';
import type { AnswerIndex } from '../faq/answerIndex.ts';
import { CONFIDENT } from '../faq/answerIndex.ts';
import { inSpanishWords } from '../faq/glossary.ts';
import { signalFlags } from '../signals/detect.ts';
import type { Reading, Understanding } from '../understanding/understand.ts';
import type { Step, StepTag } from './machine.ts';
import { editDistance, normalize, typoBudget } from '../text/normalize.ts';

export type Intent =
  /** `danger` with `psea`: the disclosure also tells of danger (emergency contacts first). */
  | { type: 'SIGNAL'; signal: 'psea' | 'danger'; danger?: boolean }
  /** May be a protection signal: ask gently once. */
  | { type: 'CHECK'; about: 'safety' | 'psea' }
  | { type: 'LANG'; lang: Lang }
  | { type: 'HUMAN' }
  | { type: 'MENU' }
  | { type: 'HELP' }
  | { type: 'WITHDRAW' }
  /** The person wants to complain, suggest or compliment. */
  | { type: 'COMPLAIN' }
  | { type: 'GREET' }
  | { type: 'CHOOSE'; action: string }
  | { type: 'CHOOSE_MANY'; actions: string[] }
  /** Free text read as a question: a confident answer, a few close ones, and/or a topic. */
  | { type: 'ASK'; best: string | null; suggestions: string[]; topic: Topic | null }
  /** Free text read as an answer to the current question (intake, a complaint, a report).
   * `danger` when it also carries a danger signal (only in a PSEA report, see below). */
  | { type: 'TEXT'; text: string; danger?: boolean }
  | { type: 'UNCLEAR' }
  /** The message names a reference: what the runtime found under it. */
  | { type: 'STATUS'; lookup: ReferenceLookup }
  /** Signals from staff (never from the person's input). */
  | DialogSignal;

export interface Utterance {
  text?: string;
  action?: string;
  signal?: DialogSignal;
}

export interface IntentContext {
  step: Step;
  /** Whether the step has a tag (machine.ts, StepTag): what kind of state it is. */
  tagged: (tag: StepTag) => boolean;
  lang: Lang;
  /** The options of the last message, as shown. */
  choices: Choice[];
  answers: AnswerIndex;
  understanding: Understanding;
  /** What the runtime found under a reference named in the message, if any. */
  lookup?: ReferenceLookup;
}

const phrases = (list: string[]) => new Set(list.map(normalize));

// The command words the catalogs tell people to type («menú», «persona», «borrar mis datos»)
// must be here in every language's own word: test/content/catalogs.test.ts reads them back.
const MENU = phrases([
  ...['menu', 'menú', 'inicio', 'volver', 'regresar', 'volver al menu', 'menu principal', 'main menu', 'start', 'home', 'opciones', 'options'],
  ...['voltar', 'menu inicial', 'opcoes', 'meni', 'meni prensipal'],
]);
const HELP = phrases([
  ...['ayuda', 'help', 'no entiendo', 'no entendi', 'que hago', 'como funciona', 'no se que hacer', 'i dont understand', 'i do not understand', 'what can i do'],
  ...['ajuda', 'nao entendo', 'nao entendi', 'ed', 'mwen pa konprann'],
]);
/** Whole messages that switch language (src/core/languages.ts `words`). */
const LANG_WORDS = new Map<string, Lang>(LANGUAGES.flatMap((lang) => LANGUAGE[lang].words.map((w) => [normalize(w), lang] as const)));
const GREETING_WORDS = new Set([
  'hola',
  'ola',
  'holi',
  'buenas',
  'buenos',
  'buen',
  'dia',
  'dias',
  'tardes',
  'noches',
  'hi',
  'hello',
  'hey',
  'saludos',
  'alo',
  'alguien',
  'disculpe',
  'disculpa',
  'la',
  'hora',
  'good',
  'morning',
  'afternoon',
  'evening',
  'hay',
  'ahi',
  'there',
  'anyone',
  'is',
  'q',
  'tal',
  'que',
  // politeness around a greeting, and greetings in Portuguese and Creole
  'disculpen',
  'molestia',
  'perdon',
  'perdone',
  'estimados',
  'bendiciones',
  'oi',
  'bom',
  'boa',
  'tarde',
  'noite',
  'bonjou',
  'bonswa',
  'sak',
  'pase',
  'tudo',
  'bem',
  'tout',
  'moun',
  'lea',
  'leyendo',
  'esto',
  'everyone',
]);
const HUMAN_ALONE = phrases([
  'persona',
  'una persona',
  'person',
  'a person',
  'humano',
  'human',
  'agente',
  'agent',
  'operador',
  'operadora',
  'operator',
  'asesor',
  'asesora',
  'atencion humana',
  'someone real',
  'alguien real',
  'pessoa',
  'uma pessoa',
  'atendente',
  'moun',
  'yon moun',
]);
const HUMAN_NOUNS = vocabulary([
  'persona',
  'alguien',
  'senorita',
  'senor',
  'humano',
  'humana',
  'agente',
  'operador',
  'operadora',
  'asesor',
  'asesora',
  'gente',
  'representante',
  'supervisor',
  'supervisora',
  'someone',
  'somebody',
  'person',
  'human',
  'agent',
  'operator',
  'representative',
  'pessoa',
  'atendente',
  'moun',
]);
const TALK_VERBS = vocabulary([
  'hablar',
  'ablar',
  'habla',
  'hablo',
  'conversar',
  'comunicar',
  'comunicarme',
  'contactar',
  'contacto',
  'atienda',
  'atiendan',
  'atendida',
  'atendido',
  'talk',
  'speak',
  'chat',
  'falar',
  'pale',
]);
/** Asking to be called back or put through is asking for a person: "llámenme", "please call
 * me", "rele m", "me pasa con su supervisor". */
const CALL_ME =
  /\b(me|nos)\s+(pasa|pase|pasan|pasen|pasaban|pasas|comunica|comunique|comuniquen)\s+con\b|\b(call|phone|ring) me\b|\bllam(enme|ame|eme)\b|\bme (llamen|llaman|llamas|pueden llamar|liga|ligue|liguem)\b|\brele m(wen)?\b|\b(devolver|devolverme|devuelvan|devuelven|devuelve|regresar|regresen)\s+(me\s+)?la\s+llamada\b|\bcall\s+(me\s+|us\s+)?back\b|\bme\s+retorn(a|em|ar)\b/;
const COMPLAINT_WORDS = vocabulary([
  'queja',
  'quejas',
  'quejarme',
  'reclamo',
  'reclamar',
  'reclamacion',
  'sugerencia',
  'sugerencias',
  'felicitar',
  'felicitacion',
  'complaint',
  'complain',
  'suggestion',
  'compliment',
]);
const ERASE_VERBS = vocabulary([
  'borra',
  'borrar',
  'borren',
  'borrame',
  'borrarme',
  'borre',
  'elimina',
  'eliminar',
  'eliminen',
  'retirar',
  'retiro',
  'anulen',
  'anular',
  'quiten',
  'saquen',
  'delete',
  'erase',
  'remove',
  'withdraw',
  'apaga',
  'apague',
  'apagar',
  'apaguem',
  'excluir',
  'exclua',
  'efase',
]);
const ERASE_OBJECTS = vocabulary([
  'datos',
  'todo',
  'informacion',
  'consentimiento',
  'conversacion',
  'mensajes',
  'numero',
  'telefono',
  'nombre',
  'historial',
  'chat',
  'data',
  'everything',
  'consent',
  'information',
  'number',
  'phone',
  'history',
  'dados',
  'conversa',
  'mensagens',
  'done',
  'enfomasyon',
]);
/** Not wanting to stay in the records is erasure too: "no quiero seguir en su base de datos",
 * "mwen pa vle nou kenbe done m yo". */
/** "holaaa", "buenasss": a greeting with its last letter held. */
const isGreetingWord = (w: string) => GREETING_WORDS.has(w) || GREETING_WORDS.has(w.replace(/(.)\1+$/, '$1'));

const NOT_KEPT =
  /\b(no quiero|ya no quiero|no deseo)\s+(seguir|estar|aparecer|figurar)\s+(en|dentro)\b.*\b(base|sistema|datos|registro|registros)\b|\b(pa vle)\b.*\b(kenbe|konseve)\b|\b(nao quero)\s+(mais )?(que )?(voces )?(guardem|fiquem com|mantenham|tenham)\b|\b(dont|do not) (want you to )?(keep|store)\b/;

/** Words that mean a choice, by action, in both languages. Whole-message matches only. */
const SYNONYMS: Record<string, Set<string>> = {
  yes: phrases(['si', 'sí', 'yes', 'claro', 'ok', 'okay', 'dale', 'de acuerdo', 'vale', 'correcto', 'sip', 'afirmativo', 'si me sirvio', 'yes it was', 'sure']),
  no: phrases(['no', 'nop', 'nope', 'negativo', 'no me sirvio', 'not really']),
  'consent:accept': phrases(['acepto', 'si acepto', 'sí acepto', 'si', 'yes', 'ok', 'de acuerdo', 'accept', 'i accept', 'dale', 'claro', 'agree', 'i agree', 'acepto los terminos']),
  'consent:decline': phrases(['no acepto', 'no', 'no gracias', 'decline', 'i do not accept', 'i dont accept', 'dont accept', 'no quiero', 'no thanks']),
  'intake:confirm': phrases(['confirmar', 'confirmo', 'si', 'correcto', 'yes', 'ok', 'todo bien', 'esta bien', 'confirm', 'correct']),
  'intake:edit': phrases(['corregir', 'editar', 'cambiar', 'no', 'edit', 'change', 'fix']),
  'intake:done': phrases(['listo', 'ya', 'eso es todo', 'nada mas', 'done', 'ready', 'finish', 'terminar']),
  ...Object.fromEntries(LANGUAGES.map((lang) => [`lang:${lang}`, phrases([lang, ...LANGUAGE[lang].words])])),
  'needs:none': phrases(['ninguna', 'ninguno', 'nada', 'none', 'nothing']),
  'feedback:skip': phrases(['no', 'no gracias', 'nada', 'omitir', 'saltar', 'ahora no', 'skip', 'no thanks', 'not now', 'nothing']),
};

export function interpret(input: Utterance, ctx: IntentContext): Intent {
  if (input.signal) return input.signal;
  const text = input.text ?? '';
  // Read even when a button was clicked: a client may send both, and the text wins then.
  const reading = ctx.understanding.read(text);
  // A PSEA report describes exploitation: its words would read as a signal and the report
  // would never be filed. Here only plain commands interrupt; danger is kept to show help after.
  if (ctx.tagged('report') && !input.action) return reportIntent(text, ctx, reading);
  if (reading.psea) return reading.danger ? { type: 'SIGNAL', signal: 'psea', danger: true } : { type: 'SIGNAL', signal: 'psea' };
  if (reading.danger) return { type: 'SIGNAL', signal: 'danger' };
  if (input.action) return fromAction(input.action);
  const n = normalize(text);
  // Talking to an operator: everything is for them, except leaving, erasing one's data and a
  // possible signal (asked about as everywhere).
  if (ctx.tagged('live')) return liveIntent(text, n, reading);
  if (n === '') return { type: 'UNCLEAR' };
  // A button's title typed as it is chooses it, before the classifier's guesses: "registrar mi
  // caso" read by the classifier alone as erasure must not offer to erase.
  const titled = ctx.choices.find((c) => normalizedTitle(c.title) === n);
  if (titled) return fromAction(titled.action);
  const command = globalCommand(n, reading);
  if (command) return command;
  // A reference asks for its status, except inside an answer (a complaint may quote one).
  const answering = ctx.tagged('answer');
  if (ctx.lookup && (ctx.step === 'status' || !answering)) return { type: 'STATUS', lookup: ctx.lookup };
  const chosen = resolveChoice(n, ctx.choices, answering);
  if (chosen) return chosen;
  const ws = n.split(' ');
  // "quiero poner una queja": short messages naming a complaint; long ones may be questions.
  const complains = (ws.length <= 6 && hasWord(ws, COMPLAINT_WORDS)) || reading.complaint;
  if (answering) {
    // An intake question takes only its answers: a complaint or a worry is heard as such.
    if (!ctx.tagged('intake')) return { type: 'TEXT', text };
    if (reading.check) return { type: 'CHECK', about: reading.check };
    return complains ? { type: 'COMPLAIN' } : { type: 'TEXT', text };
  }
  if (reading.check) return { type: 'CHECK', about: reading.check };
  if (complains) return { type: 'COMPLAIN' };
  if (ws.every(isGreetingWord) || (reading.greeting && ws.length <= 4)) return { type: 'GREET' };
  return ask(text, ctx, reading);
}

function liveIntent(text: string, n: string, reading: Reading): Intent {
  if (MENU.has(n)) return { type: 'MENU' };
  const ws = n.split(' ');
  if (wantsErasure(n, ws, reading)) return { type: 'WITHDRAW' };
  if (reading.check) return { type: 'CHECK', about: reading.check };
  return text.trim() === '' ? { type: 'UNCLEAR' } : { type: 'TEXT', text };
}

/** Erasure is always confirmed before anything is deleted, so the safe reading may be generous. */
function wantsErasure(n: string, ws: string[], reading: Reading): boolean {
  return verbThenObject(ws, ERASE_VERBS, ERASE_OBJECTS) || NOT_KEPT.test(n) || reading.erase;
}

/** Longest message read as a request for a person inside a report; longer ones tell something. */
const MAX_REQUEST_WORDS = 8;

/** In the steps of a PSEA report (tag `report`) the person's words are the report. At the
 * contact question the options still count, and someone who starts telling what happened keeps
 * their words. */
function reportIntent(text: string, ctx: IntentContext, reading: Reading): Intent {
  const n = normalize(text);
  if (n === '') return { type: 'UNCLEAR' };
  if (MENU.has(n)) return { type: 'MENU' };
  if (HELP.has(n)) return { type: 'HELP' };
  // A short request for a person, with nothing of a report in it, is that request: not a report
  // that says "quiero hablar con una persona" (found by the walk over every state).
  const ws = n.split(' ');
  if (ws.length <= MAX_REQUEST_WORDS && !reading.psea && !reading.danger && asksForPerson(n, ws, reading, true)) return { type: 'HUMAN' };
  if (ctx.step === 'psea.contact') {
    const chosen = resolveChoice(n, ctx.choices, true);
    if (chosen) return chosen;
    if (n.split(' ').length < 4) return { type: 'UNCLEAR' };
  }
  // Danger here only by the lexicon's words: the classifier reads "estoy en casa de mi prima"
  // in a follow-up as trouble, and the emergency numbers would answer someone who said they are safe.
  return signalFlags(text).danger ? { type: 'TEXT', text, danger: true } : { type: 'TEXT', text };
}

function fromAction(action: string): Intent {
  if (action === 'human') return { type: 'HUMAN' };
  if (action === 'menu') return { type: 'MENU' };
  if (action === 'help') return { type: 'HELP' };
  if (action === 'consent:withdraw') return { type: 'WITHDRAW' };
  if (action === 'complaints') return { type: 'COMPLAIN' };
  const lang = action.startsWith('lang:') ? action.slice(5) : null;
  if (isLang(lang)) return { type: 'LANG', lang };
  return { type: 'CHOOSE', action };
}

function globalCommand(n: string, reading: Reading): Intent | null {
  if (MENU.has(n)) return { type: 'MENU' };
  if (HELP.has(n)) return { type: 'HELP' };
  const lang = LANG_WORDS.get(n);
  if (lang) return { type: 'LANG', lang };
  const ws = n.split(' ');
  if (wantsErasure(n, ws, reading)) return { type: 'WITHDRAW' };
  if (asksForPerson(n, ws, reading)) return { type: 'HUMAN' };
  return null;
}

/** "quiero hablar con una persona", "llámenme"; "la señora que atiende nos gritó" is about a
 * person, not a request for one. In words only (`inWords`), not the classifier's guess: inside a
 * report, "fue el encargado" is the report. */
function asksForPerson(n: string, ws: string[], reading: Reading, inWords = false): boolean {
  return HUMAN_ALONE.has(n) || (!reading.complaint && ((hasWord(ws, TALK_VERBS) && hasWord(ws, HUMAN_NOUNS)) || CALL_ME.test(n) || (!inWords && reading.human)));
}

/**
 * A word list matched with typos in longer words ("comunicarme" ≈ "comunicrme"). Each word
 * seen is remembered (bounded), so the typo check runs once per distinct word, not per message.
 */
function vocabulary(list: string[]): (word: string) => boolean {
  const exact = new Set(list);
  const fuzzy = list.filter((v) => v.length >= 5);
  const seen = new Map<string, boolean>();
  return (word) => {
    if (exact.has(word)) return true;
    let found = seen.get(word);
    if (found === undefined) {
      found = fuzzy.some((v) => editDistance(word, v, typoBudget(v)) <= typoBudget(v));
      if (seen.size >= 10_000) seen.clear();
      seen.set(word, found);
    }
    return found;
  };
}

function hasWord(ws: string[], inVocabulary: (word: string) => boolean): boolean {
  return ws.some(inVocabulary);
}

/** A verb and, within a few words after it, its object: "borren mis datos", "delete my data";
 * not "gracias x todo, ya saqué mi cpp" (found in round 9: the object came first). */
function verbThenObject(ws: string[], verbs: (word: string) => boolean, objects: (word: string) => boolean, within = 6): boolean {
  return ws.some((w, i) => verbs(w) && ws.slice(i + 1, i + 1 + within).some(objects));
}

/** Words before an option's number, in every language ("opção 2", "nimewo 6": found missing in round 12). */
const NUMBER_PREFIX = /^(?:opcion|opción|option|opcao|opsyon|numero|number|nimewo|nro|n|no|la|el|a|o)\s+/;
/** …and politeness after it ("9 tanpri", "2 porfa"). */
const NUMBER_SUFFIX = /\s+(?:porfa|por favor|please|pls|plz|tanpri|souple|por fa|pf)$/;
const SEVERAL_NUMBERS = /^\d{1,2}(?:\s+(?:y\s+|and\s+)?\d{1,2})+$/;

/** `strict` (an answer to a question): a title found inside a longer message is not an answer
 * ("mi hija se fue con un hombre" does not answer "Género" with "Hombre"). */
function resolveChoice(n: string, choices: Choice[], strict = false): Intent | null {
  if (choices.length === 0) return null;
  const bare = n.replace(NUMBER_PREFIX, '').replace(NUMBER_SUFFIX, '');
  if (/^\d{1,2}$/.test(bare)) {
    const choice = choices[Number(bare) - 1];
    return choice ? fromAction(choice.action) : null;
  }
  if (SEVERAL_NUMBERS.test(bare)) {
    const picked = bare.split(/\D+/).map((d) => choices[Number(d) - 1]);
    if (picked.every((c) => c !== undefined)) return { type: 'CHOOSE_MANY', actions: picked.map((c) => c!.action) };
  }
  let best: { choice: Choice; score: number; length: number } | null = null;
  for (const choice of choices) {
    const score = choiceScore(n, choice, strict);
    const length = choice.title.length;
    if (score > 0 && (!best || score > best.score || (score === best.score && length > best.length))) best = { choice, score, length };
  }
  return best ? fromAction(best.choice.action) : null;
}

/** Titles come from a small catalog (plus FAQ numbers): normalise each once. */
const normalizedTitles = new Map<string, string>();
function normalizedTitle(title: string): string {
  let n = normalizedTitles.get(title);
  if (n === undefined) {
    n = normalize(title);
    if (normalizedTitles.size < 5000) normalizedTitles.set(title, n);
  }
  return n;
}

/** 3 exact title or synonym, 2 title with a typo, 1 title contained in a short message, 0 no match. */
function choiceScore(n: string, choice: Choice, strict: boolean): number {
  const title = normalizedTitle(choice.title);
  if (title === '') return 0;
  if (n === title || SYNONYMS[choice.action]?.has(n)) return 3;
  const budget = typoBudget(title);
  if (budget > 0 && editDistance(n, title, budget) <= budget) return 2;
  if (!strict && title.length >= 3 && wordCount(n) <= wordCount(title) + AROUND_A_TITLE && ` ${n} `.includes(` ${title} `)) return 1;
  return 0;
}

/** Words a short message may hold besides a title and still pick it ("quiero info de salud
 * porfa"); a longer one is a question that mentions the topic ("trabajo 12 horas por 900 soles,
 * es legal?") and goes to the FAQ. */
const AROUND_A_TITLE = 4;
const wordCount = (s: string) => s.split(' ').length;

/** A question, searched in the message's own language when answers are written in it (answer
 * ids are the same in every language; the conversation's language is shown), and, for a language
 * without every answer (Portuguese, Creole), also in the Spanish answers, word by word through
 * the glossary, when its own answers have no sure one. The classifier's topic, when it has one,
 * decides between close matches: the best match of that topic is answered even when the search
 * alone is unsure (measured on `dev`: about twice the questions answered, wrong-topic answers
 * unchanged at 2%), and a confident match of another topic is offered among suggestions instead
 * of answered. */
function ask(text: string, ctx: IntentContext, reading: Reading): Intent {
  const lang = reading.lang ?? ctx.lang;
  const own: Intent = ctx.answers.hasAnswers(lang) ? askIn(text, lang, ctx, reading) : { type: 'UNCLEAR' };
  if (LANGUAGE[lang].allAnswers || answered(own)) return own;
  const glossed = askIn(inSpanishWords(text), DEFAULT_LANG, ctx, reading);
  // The language's own suggestions, unless the Spanish answers have a sure one.
  return own.type === 'ASK' && !answered(glossed) ? own : glossed;
}

const answered = (intent: Intent): boolean => intent.type === 'ASK' && intent.best !== null;

function askIn(query: string, lang: Lang, ctx: IntentContext, reading: Reading): Intent {
  const matches = ctx.answers.search(query, lang, 10);
  const topic = reading.topic ?? ctx.answers.topicOf(query, lang);
  const top = matches[0];
  if (!top && !topic) return { type: 'UNCLEAR' };
  const confident = top && top.confidence >= CONFIDENT && (reading.topic === null || top.topic === reading.topic || reading.topicScore < SURE_OF_TOPIC) ? top : undefined;
  const inTopic = !confident && reading.topic ? ctx.answers.search(query, lang, 1, reading.topic)[0] : undefined;
  const best = confident ?? (inTopic && inTopic.confidence >= IN_TOPIC ? inTopic : undefined) ?? askedPart(query, lang, ctx, reading);
  if (best) return { type: 'ASK', best: best.answerId, suggestions: [], topic: best.topic };
  return { type: 'ASK', best: null, suggestions: matches.slice(0, 3).map((m) => m.answerId), topic: topic ?? top?.topic ?? null };
}

/** A long message is often a story with the question in one sentence ("llegué en 2019 por
 * Tumbes… ¿se puede regularizar todavía?"): the story's words dilute the search's confidence,
 * so each sentence or clause of it is searched alone, and the most confident one answers when it
 * is confident and of the classifier's topic (or the classifier has none). Found missing in
 * round 7: long questions fell to suggestions. */
function askedPart(query: string, lang: Lang, ctx: IntentContext, reading: Reading) {
  if (wordCount(query.trim()) < LONG_QUESTION) return undefined;
  let best: ReturnType<IntentContext['answers']['search']>[number] | undefined;
  for (const part of query.split(CLAUSE_END)) {
    if (wordCount(part.trim()) < 3) continue;
    const top = ctx.answers.search(part, lang, 3)[0];
    if (top && top.confidence >= CONFIDENT && (reading.topic === null || top.topic === reading.topic) && (!best || top.confidence > best.confidence)) best = top;
  }
  return best;
}
/** Words from which a message is read as a story that may hold its question in one clause. */
const LONG_QUESTION = 16;
const CLAUSE_END = /[.?!;,:\n]+|\s(?:pero|porque|xq|pq|entonces|y ahora|ahora|but|so|mas|porem|men)\s/i;

/** How sure of another topic the classifier must be to hold back a confident match. */
const SURE_OF_TOPIC = 0.8;
/** Least search confidence for an answer of the classifier's topic (some words in common). */
const IN_TOPIC = 0.1;
