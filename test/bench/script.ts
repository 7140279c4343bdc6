/**
 * The scripted conversation every benchmark person walks: language → consent → menu → FAQ
 * answer → feedback → intake (7 questions) → confirm → ticket + handoff. Each entry is what the
 * person types and the step the bot must be at afterwards (checked on every turn).
 */
export const SCRIPT: { text: string; step: string }[] = [
  { text: 'hola', step: 'language' },
  { text: 'es', step: 'consent' },
  { text: 'acepto', step: 'menu' },
  { text: 'salud', step: 'faq.questions' },
  { text: '1', step: 'faq.answer' },
  { text: 'si', step: 'menu' },
  { text: 'registrar mi caso', step: 'intake.ageGroup' },
  { text: '2', step: 'intake.gender' },
  { text: 'mujer', step: 'intake.nationality' },
  { text: 'venezolana', step: 'intake.region' },
  { text: 'lima', step: 'intake.householdSize' },
  { text: '3', step: 'intake.needs' },
  { text: 'listo', step: 'intake.contact' },
  { text: '1', step: 'intake.confirm' },
  { text: 'confirmar', step: 'handoff.queued' },
];
