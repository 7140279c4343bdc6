import { expect } from 'chai';
import { Chat } from '../support/dialog.ts';

/** Inputs that bring a new conversation to each state a person can be in. */
const PATHS: Record<string, string[]> = {
  language: ['hola'],
  consent: ['hola', 'es'],
  'menu (declined)': ['hola', 'es', 'no acepto'],
  menu: ['hola', 'es', 'acepto'],
  'faq.questions': ['hola', 'es', 'acepto', 'salud'],
  'faq.answer': ['hola', 'es', 'acepto', 'salud', '1'],
  'intake.ageGroup': ['hola', 'es', 'acepto', 'registrar mi caso'],
  'intake.nationalityOther': ['hola', 'es', 'acepto', 'registrar mi caso', '2', '1', 'otra'],
  'intake.needs': ['hola', 'es', 'acepto', 'registrar mi caso', '2', '1', '1', '1', '2'],
  'intake.confirm': ['hola', 'es', 'acepto', 'registrar mi caso', '2', '1', '1', '1', '2', 'listo', '1'],
  'handoff.queued': ['hola', 'es', 'acepto', 'persona'],
  'complaint.kind': ['hola', 'es', 'acepto', 'quejas y sugerencias'],
  withdraw: ['hola', 'es', 'acepto', 'borrar mis datos'],
  safety: ['hola', 'quiero morir'],
  'psea.info': ['hola', 'el voluntario me pidio fotos a cambio de la ayuda'],
};

const DANGER = ['no aguanto más, quiero desaparecer', 'M KIERO MATAR 😭😭', 'mi pareja me esta pegando ahora', 'I want to kill myself'];
const PSEA = ['el señor que entrega los kits me pide cosas a cambio', 'the volunteer asked me for sex for the food card'];

describe('Protection signals and a person are reachable from every state', () => {
  for (const [state, path] of Object.entries(PATHS)) {
    const reach = () => {
      const chat = new Chat();
      for (const text of path) chat.say(text);
      return chat;
    };

    it(`reaches ${state}`, () => {
      expect(reach().step).to.equal(state.replace(' (declined)', ''));
    });

    for (const text of DANGER) {
      it(`${state}: "${text}" → safety with emergency numbers`, () => {
        const chat = reach();
        chat.say(text);
        expect(chat.step).to.equal('safety');
        expect(chat.text).to.include('105').and.include('Línea 100');
      });
    }

    for (const text of PSEA) {
      it(`${state}: "${text}" → psea.info`, () => {
        const chat = reach();
        chat.say(text);
        expect(chat.step).to.equal('psea.info');
        expect(chat.last.effects).to.deep.equal([]);
      });
    }

    it(`${state}: "hablar con una persona" → handoff or consent first`, () => {
      const chat = reach();
      const consented = !['language', 'consent', 'menu (declined)', 'safety', 'psea.info'].includes(state);
      chat.say('hablar con una persona');
      expect(chat.step).to.equal(consented ? 'handoff.queued' : 'consent');
    });
  }
});
