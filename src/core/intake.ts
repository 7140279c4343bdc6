/**
 * The registration matrix, in one place: each field in the order it is asked, and what it
 * holds (one code, a list of codes, or text as typed). The dialog asks from it, the intake type
 * follows from it, and so do the stores' and the staff API's schemas: adding a question is an
 * entry here, its titles in the i18n catalogs (`intake.field.<field>`, `intake.option.<field>.<code>`)
 * and its tests. Codes are what is stored; a field with codes may also hold text the person
 * typed ("otra nacionalidad").
 */
export const INTAKE_SPEC = [
  { field: 'ageGroup', kind: 'code', codes: ['0_17', '18_39', '40_59', '60_plus'] },
  { field: 'gender', kind: 'code', codes: ['female', 'male', 'other', 'undisclosed'] },
  // `typedOther`: choosing `other` asks the person to type it ("otra nacionalidad").
  { field: 'nationality', kind: 'code', codes: ['venezuelan', 'colombian', 'ecuadorian', 'haitian', 'cuban', 'other'], typedOther: true },
  { field: 'region', kind: 'text' },
  { field: 'householdSize', kind: 'code', codes: ['1', '2', '3', '4', '5_plus'] },
  { field: 'needs', kind: 'codes', codes: ['disability', 'pregnancy', 'chronic_illness', 'unaccompanied_child', 'older_person', 'none'] },
  { field: 'contact', kind: 'code', codes: ['this_chat', 'phone_call', 'whatsapp', 'in_person'] },
] as const;

type Spec = (typeof INTAKE_SPEC)[number];
export type IntakeField = Spec['field'];
/** Fields that hold a list of codes. */
type ListField = Extract<Spec, { kind: 'codes' }>['field'];

/** What a person registered: any of the fields, none required. */
export type Intake = { [F in IntakeField]?: F extends ListField ? string[] : string };

export const INTAKE_FIELDS: readonly IntakeField[] = INTAKE_SPEC.map((f) => f.field);

/** Each coded field's codes, by field. */
export const INTAKE_CODES = Object.fromEntries(INTAKE_SPEC.flatMap((f) => ('codes' in f ? [[f.field, f.codes]] : []))) as {
  [S in Extract<Spec, { codes: unknown }> as S['field']]: S['codes'];
};

export const isListField = (field: IntakeField): boolean => INTAKE_SPEC.some((f) => f.field === field && f.kind === 'codes');

/** Fields asked as one choice among their codes: every such field is asked and read the same
 * way (dialogs/faro builds its state and prompt from the spec), so a new one is its entry here
 * and its strings. Text, several codes or a typed "other" need a state of their own. */
export type PlainField = Exclude<Extract<Spec, { kind: 'code' }>, { typedOther: true }>['field'];
export const PLAIN_FIELDS = INTAKE_SPEC.flatMap((f) => (f.kind === 'code' && !('typedOther' in f) ? [f.field] : [])) as PlainField[];

/** The question after `field` in the spec's order, or `confirm` after the last. */
export function nextAfter(field: IntakeField): IntakeField | 'confirm' {
  return INTAKE_FIELDS[INTAKE_FIELDS.indexOf(field) + 1] ?? 'confirm';
}
