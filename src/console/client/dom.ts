/**
 * A tiny DOM builder. Text always goes in as text nodes: nothing the API returns is ever
 * parsed as HTML (people and staff can write `<img onerror=…>`; it must show as those letters).
 */
type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | undefined | null>;

/** `el('button', { type: 'button', class: 'primary' }, 'Claim')`. `true` sets an empty
 * attribute, `false`/`null`/`undefined` leaves it out; attributes only, never HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces what `parent` holds. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

let nextId = 0;
/** A page-unique id, for label/aria wiring. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled form control: `<div class="field"><label for>…</label>control</div>`. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLDivElement {
  if (!control.id) control.id = uid('f');
  const wrap = el('div', { class: 'field' }, el('label', { for: control.id }, label));
  if (hint) {
    const hintEl = el('p', { class: 'hint', id: uid('hint') }, hint);
    control.setAttribute('aria-describedby', hintEl.id);
    wrap.append(hintEl);
  }
  wrap.append(control);
  return wrap;
}

export function option(value: string, label: string, selected = false): HTMLOptionElement {
  const o = el('option', { value }, label);
  o.selected = selected;
  return o;
}
