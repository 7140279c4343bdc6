/**
 * The widget's DOM, in a shadow root: a launcher button and a chat panel.
 *
 * Keyboard and screen readers: the panel is a non-modal dialog named by its title; Tab goes
 * title bar (language, quick exit, close) → messages → options → shortcuts → text box → send;
 * Enter sends (Shift+Enter for a new line); Escape closes and gives focus back to the
 * launcher. Messages are a `role="log"` polite live region, each prefixed (for screen readers
 * only) with who said it (an operator's message shows it too: "Equipo de atención");
 * connection problems are a `role="status"`. The option buttons sit outside the log so they
 * are not read out as messages, and carry their number: typing it works too. Below them,
 * outside their scrolling list, "Hablar con una persona" and "Menú principal" (see `setStep`).
 */
import type { Choice } from './activity.ts';
import { appendText } from './format.ts';
import { otherLangOf, STRINGS, type Lang, type Strings } from './strings.ts';
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
  private readonly humanButton = el('button', { type: 'button', class: 'human' });
  private readonly menuButton = el('button', { type: 'button' });
  private readonly keep = el('div', { class: 'keep', hidden: true }, this.humanButton, this.menuButton);
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
    this.humanButton.addEventListener('click', () => this.on.choose({ action: 'human', title: this.strings.human }));
    this.menuButton.addEventListener('click', () => this.on.choose({ action: 'menu', title: this.strings.menu }));
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => this.fitInput());
    const form = el(
      'form',
      {
        onsubmit: (event) => {
          event.preventDefault();
          this.submit();
        },
      },
      this.inputLabel,
      this.input,
      this.sendButton,
    );
    this.panel = el(
      'section',
      { id: 'faro-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'faro-title', hidden: true },
      el('header', {}, this.titleEl, this.langButton, this.exitButton, this.closeButton),
      this.status,
      this.log,
      this.choices,
      this.keep,
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
    const s = STRINGS[lang];
    this.strings = s;
    this.lang = lang;
    this.container.setAttribute('lang', lang);
    this.launcherLabel.textContent = s.launcher;
    this.langButton.textContent = s.otherLang;
    this.langButton.setAttribute('lang', otherLangOf(lang));
    this.langButton.setAttribute('aria-label', s.otherLangHint);
    this.exitButton.textContent = s.quickExit;
    this.exitButton.title = s.quickExitHint;
    this.closeButton.setAttribute('aria-label', s.close);
    this.log.setAttribute('aria-label', s.log);
    this.choices.setAttribute('aria-label', s.options);
    this.inputLabel.textContent = s.input;
    this.input.placeholder = s.placeholder;
    this.sendButton.textContent = s.send;
    this.humanButton.textContent = s.human;
    this.menuButton.textContent = s.menu;
    for (const who of this.log.querySelectorAll('.who')) who.textContent = s.staff;
  }

  get currentLang(): Lang {
    return this.lang;
  }

  /** `staff`: an operator wrote it; it says so above the text, and to screen readers first. */
  addBot(text: string, staff?: boolean): HTMLElement {
    const s = this.strings;
    const message = staff
      ? el('div', { class: 'msg bot staff' }, el('span', { class: 'who' }, s.staff), el('span', { class: 'sr' }, ': '))
      : el('div', { class: 'msg bot' }, el('span', { class: 'sr' }, `${s.bot}: `));
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
        const button = el(
          'button',
          {
            type: 'button',
            onclick: () => {
              note.remove();
              message.classList.remove('failed');
              retry();
            },
          },
          this.strings.retry,
        );
        const note = el('span', { class: 'note' }, `${reason} `, button);
        message.append(note);
        this.scrollToEnd();
      },
    };
  }

  /**
   * The options of the message `text` (of dialog step `step`). `human` and `menu` are left to
   * the shortcut row; the others keep their number, so typing it still works. A button titled
   * only by its number (FAQ lists) takes its words from the message's "1. ¿…?" line. The
   * satisfaction question (`rate:1`…`rate:5`) is a row of five with its ends labelled.
   */
  setChoices(choices: Choice[], text = '', step = ''): void {
    const hadFocus = this.choices.contains(this.root.activeElement);
    const s = this.strings;
    const lines = new Map<string, string>();
    for (const [line, n] of text.matchAll(/^\s*(\d+)[.)] +\S.*$/gm)) lines.set(n!, line.trim());
    const scale: Node[] = [];
    const buttons: Node[] = [];
    choices.forEach((choice, i) => {
      if (choice.action === 'human' || choice.action === 'menu') return;
      const button = (...label: (Node | string)[]) => el('button', { type: 'button', onclick: () => this.on.choose(choice) }, ...label);
      const n = step === 'feedback.score' ? /^rate:([1-5])$/.exec(choice.action)?.[1] : undefined;
      if (n) {
        const end = n === '1' ? `, ${s.scaleLow}` : n === '5' ? `, ${s.scaleHigh}` : '';
        scale.push(button(n, el('span', { class: 'sr' }, ` ${s.scaleOf}${end}`)));
      } else if (/^\d+$/.test(choice.title)) {
        buttons.push(button(lines.get(choice.title) ?? choice.title));
      } else {
        buttons.push(button(step === 'feedback.score' ? choice.title : `${i + 1}. ${choice.title}`));
      }
    });
    if (scale.length > 0) {
      const end = (cls: string, label: string) => el('span', { class: cls, 'aria-hidden': 'true' }, label);
      buttons.unshift(el('div', { class: 'scale' }, ...scale, end('lo', s.scaleLow), end('hi', s.scaleHigh)));
    }
    this.choices.replaceChildren(...buttons);
    // A click replaced the buttons under the focus: keep keyboard users in the chat.
    if (hadFocus) this.input.focus();
  }

  /**
   * The shortcut row follows the dialog's step: "talk to a person" everywhere but while an
   * operator is already talking (the bot offers nothing then, so a stray tap cannot end that
   * chat), "main menu" wherever it leads somewhere else.
   */
  setStep(step: string): void {
    const hidden = step === '' || step === 'handoff.live';
    const hadFocus = this.keep.contains(this.root.activeElement);
    this.keep.hidden = hidden;
    this.menuButton.hidden = hidden || step === 'language' || step === 'consent' || step === 'menu';
    if (hadFocus && (hidden || (this.root.activeElement === this.menuButton && this.menuButton.hidden))) this.input.focus();
  }

  setStatus(text: string, action?: { label: string; run: () => void }): void {
    this.status.replaceChildren(text);
    if (action) this.status.append(el('button', { type: 'button', onclick: action.run }, action.label));
  }

  clearLog(): void {
    this.log.replaceChildren();
    this.setChoices([]);
    this.setStep('');
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
