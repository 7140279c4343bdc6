/**
 * Small pieces every form uses: a button that shows progress while its request runs, the
 * error message from the API in a live region, and keeping focus across a re-render.
 */
import { ApiError } from './api.ts';
import { el } from './dom.ts';
import { fill, s } from './i18n.ts';

/** What to tell the operator: the server's own message, or why there was none. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return s().errors.network;
    if (err.status === 401) return s().errors.sessionEnded;
    return err.message || fill(s().errors.unknown, { code: err.code });
  }
  return fill(s().errors.unknown, { code: err instanceof Error ? err.name : 'Error' });
}

/** `<p role="alert">`: empty until something goes wrong, so only the error is read out. */
export function alertBox(): HTMLParagraphElement {
  return el('p', { class: 'error', role: 'alert' });
}

export function showError(box: HTMLElement, err: unknown): void {
  box.textContent = errorText(err);
}

/**
 * Runs `work` with the button marked disabled and labelled `busyLabel`, then restores it.
 * `aria-disabled` rather than `disabled`: a disabled button drops the keyboard focus, and the
 * operator would have to find their place again. A second press meanwhile does nothing.
 * Clears `errors` first and shows the API's message there on failure. Returns whether the
 * work succeeded.
 */
export async function whileBusy(button: HTMLButtonElement, busyLabel: string, errors: HTMLElement | undefined, work: () => Promise<void>): Promise<boolean> {
  if (button.getAttribute('aria-disabled') === 'true') return false;
  const idle = button.textContent ?? '';
  button.setAttribute('aria-disabled', 'true');
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyLabel;
  if (errors) errors.textContent = '';
  try {
    await work();
    return true;
  } catch (err) {
    if (errors) showError(errors, err);
    return false;
  } finally {
    // The button may have been replaced by a re-render; restoring the old one does no harm.
    button.removeAttribute('aria-disabled');
    button.removeAttribute('aria-busy');
    button.textContent = idle;
  }
}

/**
 * Re-renders `container` and puts the focus back on the element with the same `data-key` (and
 * a text box's caret where it was), so live updates never throw the operator out of a field.
 * If that element is gone, the focus goes to `fallback` (e.g. the panel's heading).
 */
export function keepingFocus(container: HTMLElement, render: () => void, fallback?: () => HTMLElement | null): void {
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && container.contains(active);
  const key = inside ? active.dataset.key : undefined;
  const caret = active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement ? { start: active.selectionStart, end: active.selectionEnd } : undefined;
  render();
  const next = key ? container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) : null;
  if (!next) {
    // What had the focus is gone (a Close button after closing): never leave it on <body>.
    if (inside) fallback?.()?.focus({ preventScroll: true });
    return;
  }
  next.focus({ preventScroll: true });
  if (caret?.start != null && (next instanceof HTMLTextAreaElement || next instanceof HTMLInputElement)) {
    try {
      next.setSelectionRange(caret.start, caret.end ?? caret.start);
    } catch {
      // Some input types have no caret.
    }
  }
}
