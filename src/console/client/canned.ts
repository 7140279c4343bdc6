/**
 * Managing canned responses (supervisors, `cannedResponses.manage`): the list with Edit and
 * Delete, and one form that adds a response or saves the one being edited.
 */
import type { Ctx } from './context.ts';
import { el, field, option, replace } from './dom.ts';
import { fill, label, lang, s } from './i18n.ts';
import type { CannedResponse, Lang } from './types.ts';
import { alertBox, keepingFocus, whileBusy } from './ui.ts';

export class CannedAdminView {
  readonly element = el('section', { class: 'panel canned-admin', 'aria-labelledby': 'canned-heading' });
  private responses: CannedResponse[] | null = [];
  private editing: CannedResponse | undefined;
  private draft = { lang: lang() as Lang, title: '', text: '' };

  constructor(private readonly ctx: Ctx) {}

  async reload(): Promise<void> {
    this.responses = await this.ctx.cannedResponses(true);
    this.render();
  }

  render(): void {
    keepingFocus(
      this.element,
      () => replace(this.element, ...this.parts()),
      () => this.element.querySelector('h2'),
    );
  }

  private parts(): Node[] {
    const t = s().canned;
    const heading = el('h2', { id: 'canned-heading', tabindex: '-1' }, t.heading);
    if (this.responses === null) return [heading, el('p', { class: 'empty' }, s().composer.cannedUnavailable)];
    const list = this.responses.length === 0 ? el('p', { class: 'empty' }, t.empty) : el('ul', { class: 'canned-list' }, ...this.responses.map((r) => this.item(r)));
    return [heading, list, this.form()];
  }

  private item(response: CannedResponse): HTMLLIElement {
    const t = s().canned;
    const edit = el('button', { type: 'button', class: 'quiet', 'data-key': `canned-edit-${response.id}` }, fill(t.edit, { title: response.title }));
    edit.addEventListener('click', () => {
      this.editing = response;
      this.draft = { lang: response.lang, title: response.title, text: response.text };
      this.render();
      this.element.querySelector<HTMLElement>('[data-key="canned-title"]')?.focus();
    });
    const remove = el('button', { type: 'button', class: 'quiet danger-text', 'data-key': `canned-delete-${response.id}` }, fill(t.delete, { title: response.title }));
    const errors = alertBox();
    remove.addEventListener(
      'click',
      () =>
        void whileBusy(remove, t.deleting, errors, async () => {
          await this.ctx.api.delete(`/api/canned-responses/${encodeURIComponent(response.id)}`);
          if (this.editing?.id === response.id) this.editing = undefined;
          this.ctx.announce(t.deleted);
          await this.reload();
        }),
    );
    return el(
      'li',
      {},
      el('p', {}, el('strong', {}, response.title), ` (${label(s().lang, response.lang)})`),
      el('p', { class: 'text' }, response.text),
      el('div', { class: 'row' }, edit, remove),
      errors,
    );
  }

  private form(): HTMLFormElement {
    const t = s().canned;
    const language = el('select', { 'data-key': 'canned-lang' }, option('es', s().lang.es, this.draft.lang === 'es'), option('en', s().lang.en, this.draft.lang === 'en'));
    language.addEventListener('change', () => (this.draft.lang = language.value === 'en' ? 'en' : 'es'));
    const title = el('input', { type: 'text', maxlength: '80', required: true, 'data-key': 'canned-title' });
    title.value = this.draft.title;
    title.addEventListener('input', () => (this.draft.title = title.value));
    const text = el('textarea', { rows: '3', maxlength: '2000', required: true, 'data-key': 'canned-text' });
    text.value = this.draft.text;
    text.addEventListener('input', () => (this.draft.text = text.value));
    const save = el('button', { type: 'submit', class: 'primary', 'data-key': 'canned-save' }, this.editing ? t.save : t.add);
    const errors = alertBox();
    const form = el('form', { class: 'canned-form' }, field(t.language, language), field(t.titleLabel, title), field(t.textLabel, text), errors, el('div', { class: 'row' }, save));
    if (this.editing) {
      const cancel = el('button', { type: 'button', class: 'quiet', 'data-key': 'canned-cancel' }, t.cancel);
      cancel.addEventListener('click', () => this.resetForm());
      form.lastElementChild!.append(cancel);
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      const body = { lang: this.draft.lang, title: this.draft.title.trim(), text: this.draft.text.trim() };
      void whileBusy(save, t.saving, errors, async () => {
        if (this.editing) await this.ctx.api.patch(`/api/canned-responses/${encodeURIComponent(this.editing.id)}`, body);
        else await this.ctx.api.post('/api/canned-responses', body);
        this.ctx.announce(t.saved);
        this.resetForm();
        await this.reload();
      });
    });
    return form;
  }

  private resetForm(): void {
    this.editing = undefined;
    this.draft = { lang: lang(), title: '', text: '' };
    this.render();
  }
}
