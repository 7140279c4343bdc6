/**
 * How a Bot Framework channel can show the options of a reply. One bot serves many
 * channels behind the Azure Bot Service, and they differ:
 * - `messageBack`: Web Chat, Direct Line, the Emulator: a button that posts `value: {action}`
 *   (the stable action) and shows the title as the person's bubble, with no typed text.
 * - `imBack`: channels whose suggested actions can only post text (Teams, Facebook, Slack,
 *   LINE…): the button posts its title, which the runtime matches like typed text.
 * - `numbered`: channels without buttons (SMS, e-mail): the options are appended as a
 *   numbered menu ("1. Salud\n2. Vivienda"); the person answers with the number.
 * Unknown channels get `messageBack`: Bot Framework channels degrade unsupported actions to
 * plain buttons or text themselves, and the runtime accepts the typed title or number anyway.
 */
export type ChoiceStyle = 'messageBack' | 'imBack' | 'numbered';

const STYLE_BY_CHANNEL: Readonly<Record<string, ChoiceStyle>> = {
  msteams: 'imBack',
  facebook: 'imBack',
  slack: 'imBack',
  line: 'imBack',
  kik: 'imBack',
  groupme: 'imBack',
  telegram: 'imBack',
  sms: 'numbered',
  email: 'numbered',
};

export function choiceStyleFor(channelId: string | undefined): ChoiceStyle {
  return (channelId !== undefined ? STYLE_BY_CHANNEL[channelId.toLowerCase()] : undefined) ?? 'messageBack';
}
