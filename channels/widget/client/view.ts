/**
 * The widget's DOM, in a shadow root: a launcher button and a chat panel.
 *
 * Keyboard and screen readers: the panel is a non-modal dialog named by its title; Tab goes
 * title bar (language, quick exit, close) → messages → options → text box → send; Enter sends
 * (Shift+Enter for a new line); Escape closes and gives focus back to the launcher. Messages
 * are a `role="log"` polite live region, each prefixed (for screen readers only) with who
 * said it; connection problems are a `role="status"`. The option buttons sit outside the log
 * so they are not read out as messages, and carry their number: typing it works too.
 */
import type { Choice } from './activity.ts';
import { appendText } from './format.ts';
import { STRINGS, type Lang, type Strings } from './strings.ts';
import { CSS } from './styles.ts';

export interface ViewHandlers {
  opened(): void;
  closed(): void;
  send(text: string): void;
  choose(choice: Choice): void;
  toggleLang(): void;
  quickExit(): void;
}

export interface UserBubble {
  sent(): void;
  failed(reason: string, retry: () => void): void;
}

type Props = Record<string, string | boolean | ((event: Event) => void)>;

/** A tiny element builder: `on*` props are listeners, booleans toggle attributes. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (typeof value === 'boolean') node.toggleAttribute(name, value);
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function chatIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  svg.append(path);
  return svg;
}

export class View {
  private readonly host = el('div', { 'data-faro-widget': '' });
  private readonly root: ShadowRoot;
  private readonly container = el('div', { class: 'faro' });
  private readonly launcherLabel = el('span');
  private readonly launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'faro-panel' });
  private readonly titleEl = el('h2', { id: 'faro-title' });
  private readonly langButton = el('button', { type: 'button', class: 'lang' });
  private readonly exitButton = el('button', { type: 'button', class: 'exit' });
  private readonly closeButton = el('button', { type: 'button', class: 'close' }, '×');
  private readonly status = el('p', { class: 'status', role: 'status' });
  private readonly log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', tabindex: '0' });
  private readonly choices = el('div', { class: 'choices', role: 'group' });
  private readonly inputLabel = el('label', { for: 'faro-input', class: 'sr' });
  private readonly input = el('textarea', { id: 'faro-input', rows: '1', maxlength: '2000', autocomplete: 'off' });
  private readonly sendButton = el('button', { type: 'submit' });
  private readonly panel: HTMLElement;
  private strings: Strings;

  constructor(
    title: string,
    private lang: Lang,
    private readonly on: ViewHandlers,
  ) {
    this.strings = STRINGS[lang];
    this.root = this.host.attachShadow({ mode: 'open' });
    this.titleEl.textContent = title;
    this.launcher.append(chatIcon(), this.launcherLabel);
    this.launcher.addEventListener('click', () => this.on.opened());
    this.langButton.addEventListener('click', () => this.on.toggleLang());
    this.exitButton.addEventListener('click', () => this.on.quickExit());
    this.closeButton.addEventListener('click', () => this.on.closed());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => this.fitInput());
    const form = el('form', { onsubmit: (event) => (event.preventDefault(), this.submit()) }, this.inputLabel, this.input, this.sendButton);
    this.panel = el(
      'section',
      { id: 'faro-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'faro-title', hidden: true },
      el('header', {}, this.titleEl, this.langButton, this.exitButton, this.closeButton),
      this.status,
      this.log,
      this.choices,
      form,
    );
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.on.closed();
      }
    });
    this.container.append(this.launcher, this.panel);
    this.applyStyles();
    this.root.append(this.container);
    this.setLang(lang);
  }

  mount(): void {
    document.body.append(this.host);
  }

  destroy(): void {
    this.host.remove();
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  open(focus: boolean): void {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.scrollToEnd();
    if (focus) this.input.focus();
  }

  close(): void {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  setLang(lang: Lang): void {
    const s = (this.strings = STRINGS[lang]);
    this.lang = lang;
    this.container.setAttribute('lang', lang);
    this.launcherLabel.textContent = s.launcher;
    this.langButton.textContent = s.otherLang;
    this.langButton.setAttribute('lang', lang === 'es' ? 'en' : 'es');
    this.langButton.setAttribute('aria-label', s.otherLangHint);
    this.exitButton.textContent = s.quickExit;
    this.exitButton.title = s.quickExitHint;
    this.closeButton.setAttribute('aria-label', s.close);
    this.log.setAttribute('aria-label', s.log);
    this.choices.setAttribute('aria-label', s.options);
    this.inputLabel.textContent = s.input;
    this.input.placeholder = s.placeholder;
    this.sendButton.textContent = s.send;
  }

  get currentLang(): Lang {
    return this.lang;
  }

  addBot(text: string): HTMLElement {
    const message = el('div', { class: 'msg bot' }, el('span', { class: 'sr' }, `${this.strings.bot}: `));
    appendText(message, text);
    this.append(message);
    return message;
  }

  /**
   * Scrolls so that `message` starts at the top of the log, or to the end when everything
   * after it fits: a long answer (the consent notice) is read from its first line, not its last.
   */
  reveal(message: HTMLElement): void {
    const top = message.offsetTop - this.log.offsetTop - 12;
    this.log.scrollTop = Math.min(top, this.log.scrollHeight - this.log.clientHeight);
  }

  addUser(text: string): UserBubble {
    const message = el('div', { class: 'msg user' }, el('span', { class: 'sr' }, `${this.strings.you}: `));
    appendText(message, text);
    this.append(message);
    return {
      sent: () => {
        message.classList.remove('failed');
        message.querySelector('.note')?.remove();
      },
      failed: (reason, retry) => {
        message.querySelector('.note')?.remove();
        message.classList.add('failed');
        const button = el('button', { type: 'button', onclick: () => (note.remove(), message.classList.remove('failed'), retry()) }, this.strings.retry);
        const note = el('span', { class: 'note' }, `${reason} `, button);
        message.append(note);
        this.scrollToEnd();
      },
    };
  }

  setChoices(choices: Choice[]): void {
    const hadFocus = this.choices.contains(this.root.activeElement);
    this.choices.replaceChildren(
      ...choices.map((choice, i) => {
        const label = /^\d+$/.test(choice.title) ? choice.title : `${i + 1}. ${choice.title}`;
        return el('button', { type: 'button', onclick: () => this.on.choose(choice) }, label);
      }),
    );
    // A click replaced the buttons under the focus: keep keyboard users in the chat.
    if (hadFocus) this.input.focus();
  }

  setStatus(text: string, action?: { label: string; run: () => void }): void {
    this.status.replaceChildren(text);
    if (action) this.status.append(el('button', { type: 'button', onclick: action.run }, action.label));
  }

  clearLog(): void {
    this.log.replaceChildren();
    this.setChoices([]);
  }

  /** Marks the log busy while a transcript is re-read, so it is not read out line by line. */
  setBusy(busy: boolean): void {
    this.log.setAttribute('aria-busy', String(busy));
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (text === '') return;
    this.input.value = '';
    this.fitInput();
    this.on.send(text);
  }

  private append(message: HTMLElement): void {
    this.log.append(message);
    this.scrollToEnd();
  }

  scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  private fitInput(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 120)}px`;
  }

  private applyStyles(): void {
    // Constructed sheets are not inline styles, so a strict page CSP (no 'unsafe-inline') lets them in.
    if ('adoptedStyleSheets' in this.root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      this.root.adoptedStyleSheets = [sheet];
    } else {
      this.root.append(el('style', {}, CSS));
    }
  }
}
