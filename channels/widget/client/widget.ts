/**
 * The widget's behaviour: ties the Direct Line connection, the view and what is kept on the
 * device together.
 *
 * - The conversation starts when the person first opens the chat (a page view costs nothing):
 *   the widget then sends one silent `lang:<es|en|pt|ht>` action, so the bot skips its language
 *   question and opens with the consent notice in the page's language.
 * - A typed message is shown at once (optimistic) and marked as sent when the server's echo
 *   with the same `clientActivityID` arrives; a click shows the button's title as the person's
 *   bubble and posts `value: {action}` (the title travels in `channelData.messageBack`, as
 *   Web Chat does, so it is shown again after a reload). Activities are shown once per id.
 *   An operator's message (sent between turns) is labelled as theirs and leaves the options
 *   of the bot's last message on screen, as the server leaves the dialog where it was.
 * - The language button (English from Spanish, Spanish from the others) changes the labels and
 *   sends `lang:<code>`: the bot repeats its last question in that language.
 * - Quick exit: closes the socket, removes every widget key from both storages and the whole
 *   widget from the page, then `location.replace(exitUrl)` (the chat page is not left in the
 *   back history either).
 */
import type { Activity, Choice } from './activity.ts';
import type { WidgetConfig } from './config.ts';
import { Connection, DirectLineError, type Status } from './connection.ts';
import { forgetAll, load, save, type Saved } from './session.ts';
import { LANGUAGE } from '../../../src/core/languages.ts';
import { otherLangOf, STRINGS, type Lang } from './strings.ts';
import { View, type UserBubble } from './view.ts';

/** A session this close to expiry is not worth resuming after a reload. */
const MIN_REMAINING_MS = 10_000;

export class Widget {
  private readonly view: View;
  private connection: Connection | undefined;
  private starting: Promise<void> | undefined;
  private readonly saved: Saved;
  private readonly shown = new Set<string>();
  /** Person's messages on screen, by clientActivityID, waiting for their echo. */
  private readonly pending = new Map<string, UserBubble>();
  private lang: Lang;
  /** The first bot message since the person last wrote (replies arrive one frame each):
   * the log keeps it in view, so a long answer is read from its first line. */
  private firstReply: HTMLElement | undefined;
  private exiting = false;

  constructor(private readonly config: WidgetConfig) {
    this.saved = load();
    if (this.saved.session && this.saved.session.expiresAt - Date.now() < MIN_REMAINING_MS) delete this.saved.session;
    this.lang = this.saved.lang ?? config.lang;
    this.view = new View(config.title, this.lang, {
      opened: () => this.open(),
      closed: () => this.close(),
      send: (text) => this.sendText(text),
      choose: (choice) => this.choose(choice),
      toggleLang: () => this.toggleLang(),
      quickExit: () => this.quickExit(),
    });
  }

  mount(): void {
    this.view.mount();
    const session = this.saved.session;
    if (session) {
      this.view.setBusy(true);
      this.connection = this.connect();
      this.connection.resume(session);
      this.starting = Promise.resolve();
    }
    if (this.saved.open) {
      this.view.open(false);
      // Open but nothing to resume (its token ran out): begin again, as opening would.
      this.ensureStarted().catch(() => undefined);
    }
  }

  private open(): void {
    this.view.open(true);
    this.saved.open = true;
    this.persist();
    this.ensureStarted().catch(() => undefined);
  }

  private close(): void {
    this.view.close();
    delete this.saved.open;
    this.persist();
  }

  /** Starts a conversation unless one exists; retried from the status line on failure. */
  private ensureStarted(): Promise<void> {
    this.starting ??= this.start().catch((err: unknown) => {
      this.starting = undefined;
      this.connection?.close();
      this.connection = undefined;
      const s = STRINGS[this.lang];
      this.view.setStatus(s.offline, { label: s.reconnect, run: () => void this.ensureStarted().catch(() => undefined) });
      throw err;
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    this.connection = this.connect();
    await this.connection.start(`dl_${randomId()}`);
    await this.connection.post({ type: 'message', locale: this.locale(), value: { action: `lang:${this.lang}` }, channelData: { clientActivityID: randomId() } });
  }

  private connect(): Connection {
    return new Connection(this.config.domain, {
      activities: (activities) => this.show(activities),
      status: (status) => this.showStatus(status),
      session: (session) => {
        this.saved.session = session;
        this.persist();
      },
    });
  }

  private sendText(text: string): void {
    this.view.setChoices([]);
    this.post(text, { text });
  }

  private choose(choice: Choice): void {
    this.view.setChoices([]);
    this.post(choice.title, { value: { action: choice.action } });
  }

  private toggleLang(): void {
    this.lang = otherLangOf(this.lang);
    this.view.setLang(this.lang);
    this.saved.lang = this.lang;
    this.persist();
    // Before the conversation exists the opening action will carry the new language.
    if (this.saved.session) this.post(LANGUAGE[this.lang].name, { value: { action: `lang:${this.lang}` } });
  }

  /** Shows the person's bubble at once, then posts; a failure offers to send it again. */
  private post(shown: string, content: { text?: string; value?: { action: string } }): void {
    const clientActivityID = randomId();
    const bubble = this.view.addUser(shown);
    this.firstReply = undefined;
    this.pending.set(clientActivityID, bubble);
    const channelData: Record<string, unknown> = { clientActivityID };
    if (content.value) channelData.messageBack = { displayText: shown };
    const activity = { type: 'message', locale: this.locale(), ...content, channelData };
    const attempt = (): void => {
      this.ensureStarted()
        .then(() => this.connection!.post(activity))
        .then(
          () => bubble.sent(),
          (err: unknown) => {
            const s = STRINGS[this.lang];
            if (err instanceof DirectLineError && (err.status === 401 || err.status === 403)) return this.showStatus('expired');
            bubble.failed(err instanceof DirectLineError && err.status === 429 ? s.tooFast : s.notSent, attempt);
          },
        );
    };
    attempt();
  }

  private show(activities: Activity[]): void {
    for (const activity of activities) {
      if (this.shown.has(activity.id)) continue;
      this.shown.add(activity.id);
      if (activity.role === 'user') {
        const mine = activity.clientActivityId !== undefined ? this.pending.get(activity.clientActivityId) : undefined;
        if (mine) {
          this.pending.delete(activity.clientActivityId!);
          mine.sent();
        } else if (activity.text !== '') {
          this.view.addUser(activity.text);
          this.view.setChoices([]);
        }
        this.firstReply = undefined;
        continue;
      }
      const shown = this.view.addBot(activity.text, activity.staff);
      this.firstReply ??= shown;
      // A message between turns (an operator's) leaves the options of the last turn on screen.
      if (activity.aside) continue;
      this.view.setChoices(activity.choices, activity.text, activity.step);
      this.view.setStep(activity.step ?? '');
    }
    if (this.firstReply) this.view.reveal(this.firstReply);
    this.view.setBusy(false);
  }

  private showStatus(status: Status): void {
    const s = STRINGS[this.lang];
    if (status === 'online') {
      this.view.setBusy(false);
      this.view.setStatus('');
    } else if (status === 'connecting') {
      this.view.setStatus(s.connecting);
    } else if (status === 'reconnecting') {
      this.view.setStatus(s.reconnecting, { label: s.reconnect, run: () => this.connection?.retryNow() });
    } else if (status === 'conflict') {
      this.view.setStatus(s.conflict, { label: s.reconnect, run: () => this.connection?.retryNow() });
    } else {
      this.view.setBusy(false);
      this.view.setStatus(s.expired, { label: s.restart, run: () => this.restart() });
    }
  }

  /** The old conversation cannot be continued (token expired): forget it and begin again. */
  private restart(): void {
    this.connection?.close();
    this.connection = undefined;
    this.starting = undefined;
    delete this.saved.session;
    this.persist();
    this.shown.clear();
    this.pending.clear();
    this.view.clearLog();
    this.firstReply = undefined;
    this.view.setStatus('');
    this.ensureStarted().catch(() => undefined);
  }

  private quickExit(): void {
    this.exiting = true;
    this.connection?.close();
    this.connection = undefined;
    forgetAll();
    this.view.destroy();
    location.replace(this.config.exitUrl);
  }

  private persist(): void {
    if (!this.exiting) save(this.saved);
  }

  private locale(): string {
    return LANGUAGE[this.lang].locale;
  }
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
