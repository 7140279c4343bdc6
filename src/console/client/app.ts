/**
 * The console: login, then what the signed-in role may use (from `GET /api/auth/me`):
 * queue + ticket for operators and supervisors, canned-response management for supervisors,
 * the sealed reports (alert, list, report, follow-up in the chat) for the PSEA focal point. Live updates come from one
 * EventSource; every (re)open reloads what is shown, since the server does not replay.
 */
import { Api, ApiError } from './api.ts';
import { CannedAdminView } from './canned.ts';
import type { Ctx } from './context.ts';
import { el, replace } from './dom.ts';
import { fill, lang, s, setLang } from './i18n.ts';
import { LiveStream, type LiveHandlers } from './live.ts';
import { loginView } from './login.ts';
import { PseaView } from './psea.ts';
import { QueueView } from './queue.ts';
import { TicketView } from './ticket.ts';
import type { CannedResponse, Line, LineNotice, Me, Partner, TicketStatus } from './types.ts';
import { errorText, keepingFocus, whileBusy } from './ui.ts';

const RETRY_STREAM_MS = 5_000;

interface Session {
  ctx: Ctx;
  live: LiveStream;
  queue?: QueueView;
  ticket?: TicketView;
  canned?: CannedAdminView;
  psea?: PseaView;
}

export class App {
  private readonly api = new Api(() => this.sessionEnded());
  private session: Session | undefined;
  private loginNotice: string | undefined;
  private readonly status = el('p', { class: 'status', role: 'status' });
  private readonly connection = el('p', { class: 'connection', 'aria-live': 'polite' });
  private readonly main = el('main', { id: 'main', tabindex: '-1' });

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    setLang(lang());
    try {
      await this.signIn();
    } catch (err) {
      this.loginNotice = err instanceof ApiError && err.status === 401 ? undefined : errorText(err);
      this.render();
    }
  }

  private async signIn(): Promise<void> {
    const me = await this.api.get<Me>('/api/auth/me');
    this.session = this.createSession(me);
    this.loginNotice = undefined;
    this.render();
    this.main.focus();
    this.session.live.open();
    const ref = decodeURIComponent(location.hash.slice(1));
    if (ref && this.session.ticket) this.session.ctx.openTicket(ref);
  }

  private createSession(me: Me): Session {
    const can = (permission: string) => me.permissions.includes(permission);
    let canned: Promise<CannedResponse[] | null> | undefined;
    let partners: Promise<Partner[] | null> | undefined;
    const ctx: Ctx = {
      api: this.api,
      me,
      can,
      announce: (text) => this.announce(text),
      openTicket: (ref) => {
        history.replaceState(null, '', `#${encodeURIComponent(ref)}`);
        session.queue?.select(ref);
        void session.ticket?.show(ref);
      },
      queueChanged: () => void session.queue?.reload(),
      cannedResponses: (reload = false) => {
        if (!can('cannedResponses.read')) return Promise.resolve(null);
        if (reload || !canned) canned = this.optional<{ responses: CannedResponse[] }>('/api/canned-responses').then((a) => a?.responses ?? null);
        return canned;
      },
      partners: () => (partners ??= this.optional<{ partners: Partner[] }>('/api/partners').then((a) => a?.partners ?? null)),
    };
    const session: Session = { ctx, live: new LiveStream(this.liveHandlers(() => session)) };
    if (can('tickets.list')) {
      session.queue = new QueueView(ctx);
      session.ticket = new TicketView(ctx, () => {
        session.queue?.element.scrollIntoView({ block: 'start' });
        session.queue?.focusHeading();
      });
      session.queue.start();
      session.ticket.render();
    }
    if (can('cannedResponses.manage')) session.canned = new CannedAdminView(ctx);
    if (can('cases.psea')) session.psea = new PseaView(ctx);
    return session;
  }

  /** An endpoint another part of Faro may not serve yet: 404 (or 403) means "not available". */
  private async optional<T>(path: string): Promise<T | null> {
    try {
      return await this.api.get<T>(path);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
      throw err;
    }
  }

  private liveHandlers(session: () => Session): LiveHandlers {
    return {
      opened: () => {
        this.connection.textContent = '';
        const { queue, ticket, psea, canned } = session();
        void queue?.reload();
        void ticket?.reload();
        void psea?.reload();
        void canned?.reload();
      },
      lost: () => {
        this.connection.textContent = s().live.lost;
      },
      failed: () => {
        this.connection.textContent = s().live.lost;
        this.retryStream(session());
      },
      ticket: ({ ref, status }: { ref: string; status: TicketStatus }) => {
        const { queue, ticket } = session();
        queue?.ticketEvent(ref, status);
        if (ticket?.openRef === ref) void ticket.reload();
      },
      line: ({ ref, line }: { ref: string; line: Line | LineNotice }) => session().ticket?.addLine(ref, line),
      psea: () => session().psea?.reportFiled(),
    };
  }

  /** The browser gave up on the stream: if the session still stands, open it again (a 401
   * here ends the session through the API client); if the server is unreachable, wait more. */
  private retryStream(session: Session): void {
    window.setTimeout(() => {
      if (this.session !== session) return;
      this.api.get<Me>('/api/auth/me').then(
        () => this.session === session && session.live.open(),
        (err: unknown) => {
          if (!(err instanceof ApiError && err.status === 401)) this.retryStream(session);
        },
      );
    }, RETRY_STREAM_MS);
  }

  private sessionEnded(): void {
    if (!this.session) return;
    this.endSession();
    this.loginNotice = s().errors.sessionEnded;
    this.render();
  }

  private endSession(): void {
    this.session?.live.close();
    this.session?.queue?.stop();
    this.session = undefined;
    history.replaceState(null, '', location.pathname);
  }

  private announce(text: string): void {
    // Emptied first, so the same words twice are read twice.
    this.status.textContent = '';
    window.setTimeout(() => (this.status.textContent = text), 50);
  }

  private render(): void {
    keepingFocus(this.root, () => replace(this.root, ...this.shell()));
  }

  private shell(): Node[] {
    const t = s();
    const toggle = el('button', { type: 'button', class: 'quiet', lang: lang() === 'es' ? 'en' : 'es', 'data-key': 'lang-toggle', title: t.otherLangHint }, t.otherLang);
    toggle.addEventListener('click', () => {
      setLang(lang() === 'es' ? 'en' : 'es');
      this.rerenderAll();
    });
    const tools = el('div', { class: 'tools' }, toggle);
    if (this.session) {
      const logout = el('button', { type: 'button', class: 'quiet', 'data-key': 'logout' }, t.logout);
      logout.addEventListener(
        'click',
        () =>
          void whileBusy(logout, t.loggingOut, this.status, async () => {
            try {
              await this.api.logout();
            } finally {
              this.endSession();
              this.render();
              this.root.querySelector<HTMLElement>('input')?.focus();
            }
          }),
      );
      tools.prepend(el('span', { class: 'who' }, fill(t.signedInAs, { email: this.session.ctx.me.user.email })));
      tools.append(logout);
    }
    const header = el('header', { class: 'topbar' }, el('h1', {}, t.appName), tools);
    replace(this.main, ...this.content());
    return [el('a', { class: 'skip', href: '#main' }, t.skipToContent), header, this.connection, this.status, this.main];
  }

  private content(): Node[] {
    if (!this.session) return [loginView(this.api, () => this.signIn(), this.loginNotice)];
    const { queue, ticket, canned, psea } = this.session;
    const parts = [queue?.element, ticket?.element, canned?.element, psea?.element].filter((p): p is HTMLElement => p !== undefined);
    if (parts.length === 0) return [el('p', { class: 'panel' }, s().nothingToDo)];
    return [el('div', { class: queue ? 'workspace' : 'workspace single' }, ...parts)];
  }

  /** After a language switch: every label again, nothing reloaded. */
  private rerenderAll(): void {
    this.render();
    const session = this.session;
    session?.queue?.render();
    session?.ticket?.render();
    session?.canned?.render();
    session?.psea?.render();
    if (session) this.connection.textContent = this.connection.textContent ? s().live.lost : '';
  }
}
