/**
 * The few Direct Line shapes the widget reads, and guards for them. Frames come from our own
 * server, but a proxy, an old server or a bug can still send anything: whatever does not fit
 * is dropped here rather than half-rendered.
 */

/** A button of a bot message (`messageBack` suggested action; see directline/render.ts). */
export interface Choice {
  action: string;
  title: string;
}

export interface Activity {
  id: string;
  role: 'user' | 'bot';
  text: string;
  /** Bot messages: their buttons. */
  choices: Choice[];
  /** Bot messages: the dialog step (`channelData.step`), '' when absent. */
  step?: string;
  /** Bot messages sent outside a turn (no `replyToId`: an operator's message, a referral's
   * outcome, see directline/render.ts): the options on screen stay as they are. */
  aside?: boolean;
  /** An operator wrote it: `aside` with step `operator` (what src/helpdesk/personLink.ts sends)
   * or `handoff.live`. Direct Line sends it `from` the bot, with no name. */
  staff?: boolean;
  /** Person's messages: the id the widget gave it when posting, to match the echo. */
  clientActivityId?: string;
}

export interface ActivitySet {
  activities: Activity[];
  /** Absent on frames that are not kept by the server (typing, events). */
  watermark?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** An ActivitySet frame or GET answer; undefined when it is not one. */
export function parseActivitySet(value: unknown): ActivitySet | undefined {
  if (!isObject(value) || !Array.isArray(value.activities)) return undefined;
  const activities: Activity[] = [];
  for (const raw of value.activities) {
    const activity = parseActivity(raw);
    if (activity) activities.push(activity);
  }
  const watermark = str(value.watermark);
  return watermark === undefined ? { activities } : { activities, watermark };
}

/**
 * Only `message` activities with an id are shown. The person's own messages are shown with
 * their text, or the title of the button they clicked (`channelData.messageBack.displayText`,
 * the same place Web Chat keeps it); a message with neither (the widget's silent opening
 * `lang:*` action) is not shown at all.
 */
function parseActivity(raw: unknown): Activity | undefined {
  if (!isObject(raw) || raw.type !== 'message') return undefined;
  const id = str(raw.id);
  const from = isObject(raw.from) ? raw.from : {};
  if (!id) return undefined;
  const channelData = isObject(raw.channelData) ? raw.channelData : {};
  if (from.role === 'bot') {
    const step = str(channelData.step) ?? '';
    const aside = raw.replyToId === undefined;
    const staff = aside && (step === 'operator' || step === 'handoff.live');
    return { id, role: 'bot', text: str(raw.text) ?? '', choices: choicesOf(raw.suggestedActions), step, aside, staff };
  }
  const messageBack = isObject(channelData.messageBack) ? channelData.messageBack : {};
  const text = str(raw.text) ?? str(messageBack.displayText) ?? '';
  const clientActivityId = str(channelData.clientActivityID);
  const activity: Activity = { id, role: 'user', text, choices: [] };
  if (clientActivityId !== undefined) activity.clientActivityId = clientActivityId;
  return activity;
}

function choicesOf(suggested: unknown): Choice[] {
  if (!isObject(suggested) || !Array.isArray(suggested.actions)) return [];
  const choices: Choice[] = [];
  for (const raw of suggested.actions) {
    if (!isObject(raw)) continue;
    const title = str(raw.title);
    const value = isObject(raw.value) ? raw.value : {};
    const action = str(value.action);
    if (title && action) choices.push({ action, title });
  }
  return choices;
}
