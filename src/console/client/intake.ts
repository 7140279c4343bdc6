/** What the person registered (only while their consent stands: `null` otherwise). Codes are
 * shown with their labels; a free-text value (another nationality, a region) as written. */
import { el } from './dom.ts';
import { label, s } from './i18n.ts';
import { INTAKE_FIELDS, type Intake } from '../../core/intake.ts';

export function intakeSection(intake: Intake | null): HTMLElement {
  const t = s().intake;
  const section = el('section', { class: 'part', 'aria-labelledby': 'intake-heading' }, el('h3', { id: 'intake-heading' }, t.heading));
  const rows = INTAKE_FIELDS.flatMap((name) => {
    const value = intake?.[name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
    const shown = (Array.isArray(value) ? value : [value]).map((code) => label(t.value, code)).join(', ');
    return [el('div', {}, el('dt', {}, t.field[name]), el('dd', {}, shown))];
  });
  section.append(rows.length === 0 ? el('p', { class: 'empty' }, t.none) : el('dl', { class: 'facts' }, ...rows));
  return section;
}
