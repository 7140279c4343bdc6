/** The login form: email and password → `POST /api/auth/login`, which sets the session cookie. */
import type { Api } from './api.ts';
import { el, field } from './dom.ts';
import { s } from './i18n.ts';
import { alertBox, whileBusy } from './ui.ts';

/** `notice`: why the form is shown again (the session ended). */
export function loginView(api: Api, loggedIn: () => Promise<void>, notice?: string): HTMLElement {
  const t = s().login;
  const email = el('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, 'data-key': 'login-email' });
  const password = el('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, 'data-key': 'login-password' });
  const submit = el('button', { type: 'submit', class: 'primary' }, t.submit);
  const errors = alertBox();
  if (notice) errors.textContent = notice;
  const form = el('form', { class: 'login', novalidate: true }, field(t.email, email), field(t.password, password), errors, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    void whileBusy(submit, t.busy, errors, async () => {
      await api.login(email.value.trim(), password.value);
      password.value = '';
      await loggedIn();
    });
  });
  return el('section', { class: 'panel login-panel', 'aria-labelledby': 'login-heading' }, el('h2', { id: 'login-heading' }, t.heading), el('p', {}, t.lead), form);
}
