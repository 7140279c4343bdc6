import { expect } from 'chai';
import { FARO_DIALOG_VERSION } from '../../dialogs/faro/index.ts';
import { LANGUAGES } from '../../src/core/languages.ts';
import { Chat, faroDialog } from '../support/dialog.ts';

describe('Faro dialog (pure turns)', () => {
  it('walks language → consent → menu → FAQ answer → feedback → intake → handoff', () => {
    const chat = new Chat();
    chat.say('hola');
    expect(chat.step).to.equal('language');
    expect(chat.choices.map((c) => c.action)).to.deep.equal(LANGUAGES.map((lang) => `lang:${lang}`));

    chat.say('es');
    expect(chat.step).to.equal('consent');
    expect(chat.text).to.include('Qué guardamos').and.include('retirar');
    expect(chat.last.effects).to.deep.equal([]);

    chat.say('acepto');
    expect(chat.step).to.equal('menu');
    expect(chat.last.effects).to.deep.include({
      type: 'consent.record',
      decision: 'accepted',
      textVersion: chat.last.effects[0]?.type === 'consent.record' ? chat.last.effects[0].textVersion : '',
      lang: 'es',
    });
    expect(chat.choices.map((c) => c.action)).to.include.members(['topic:health', 'complaints', 'intake', 'human']);

    chat.say('salud');
    expect(chat.step).to.equal('faq.questions');
    expect(chat.last.replies[0]?.topic).to.equal('health');

    chat.say('1');
    expect(chat.step).to.equal('faq.answer');
    const [answer, helpful] = chat.last.replies;
    expect(answer?.answerId).to.match(/^health\./);
    expect(answer?.text).to.match(/Fuente: .+ · verificado el \d\d\/\d\d\/\d{4}/);
    expect(helpful?.choices.map((c) => c.action)).to.deep.equal(['yes', 'no']);

    chat.say('si');
    expect(chat.step).to.equal('menu');
    expect(chat.last.effects).to.deep.equal([{ type: 'feedback.record', answerId: answer!.answerId!, helpful: true }]);

    chat.say('registrar mi caso');
    expect(chat.step).to.equal('intake.ageGroup');
    chat.say('18 a 39');
    expect(chat.step).to.equal('intake.gender');
    chat.say('mujer');
    expect(chat.step).to.equal('intake.nationality');
    chat.say('venezolana');
    expect(chat.step).to.equal('intake.region');
    chat.say('lima');
    expect(chat.step).to.equal('intake.householdSize');
    chat.say('7');
    expect(chat.step).to.equal('intake.needs');
    chat.say('1 3');
    expect(chat.step).to.equal('intake.contact');
    chat.say('1');
    expect(chat.step).to.equal('intake.confirm');
    expect(chat.text).to.include('18 a 39').and.include('Mujer').and.include('Venezolana').and.include('Lima Metropolitana').and.include('5 o más').and.include('Discapacidad, Enfermedad crónica');

    chat.say('confirmar');
    expect(chat.step).to.equal('handoff.queued');
    expect(chat.last.effects).to.deep.equal([
      {
        type: 'intake.save',
        intake: {
          ageGroup: '18_39',
          gender: 'female',
          nationality: 'venezuelan',
          region: 'Lima Metropolitana',
          householdSize: '5_plus',
          needs: ['disability', 'chronic_illness'],
          contact: 'this_chat',
        },
      },
      { type: 'ticket.open', ref: 'REF-015', reason: 'intake', lang: 'es', topic: 'health' },
    ]);
    expect(chat.text).to.include('REF-015');

    chat.say('hola?? alguien??');
    expect(chat.step).to.equal('handoff.queued');
    expect(chat.text).to.include('REF-015');
  });

  it('corrects one intake answer from the summary and returns to it', () => {
    const chat = Chat.consented();
    for (const answer of ['registrar mi caso', '2', '1', '1', '1', '1', 'listo', '1']) chat.say(answer);
    expect(chat.step).to.equal('intake.confirm');
    chat.say('corregir');
    expect(chat.step).to.equal('intake.edit');
    chat.click('edit:gender');
    expect(chat.step).to.equal('intake.gender');
    chat.say('hombre');
    expect(chat.step).to.equal('intake.confirm');
    expect(chat.text).to.include('Hombre');
  });

  it('repeats an intake question on an invalid answer, storing nothing', () => {
    const chat = Chat.consented();
    chat.say('registrar mi caso');
    chat.say('banana');
    expect(chat.step).to.equal('intake.ageGroup');
    expect(chat.text).to.include('No entendí');
    expect((chat.session.persist() as { context: { intake: object } }).context.intake).to.deep.equal({});
  });

  it('declining keeps an information-only mode with no effects', () => {
    const chat = new Chat();
    chat.say('hola');
    chat.say('es');
    chat.say('no acepto');
    expect(chat.step).to.equal('menu');
    expect(chat.last.effects).to.deep.equal([]);
    expect(chat.text).to.include('solo información');
    expect(chat.choices.map((c) => c.action)).not.to.include('intake');
    chat.say('vivienda');
    chat.say('1');
    expect(chat.step).to.equal('faq.answer');
    chat.say('no');
    // Anonymous feedback is allowed: it carries no identity.
    expect(chat.last.effects).to.have.length(1);
    expect(chat.last.effects[0]?.type).to.equal('feedback.record');
  });

  it('asks consent before a handoff, then opens the ticket once accepted', () => {
    const chat = new Chat();
    chat.say('hola');
    chat.say('es');
    chat.say('kiero ablar con una señorita');
    expect(chat.step).to.equal('consent');
    expect(chat.text).to.include('Para pasarte con una persona');
    chat.say('si acepto');
    expect(chat.step).to.equal('handoff.queued');
    expect(chat.last.effects.map((e) => e.type)).to.deep.equal(['consent.record', 'ticket.open']);
  });

  it('declining consent for a handoff gives the hotline instead', () => {
    const chat = new Chat();
    chat.say('hola');
    chat.say('hablar con una persona');
    expect(chat.step).to.equal('consent');
    chat.say('no acepto');
    expect(chat.step).to.equal('menu');
    expect(chat.text).to.include('0800-12345');
    expect(chat.last.effects).to.deep.equal([]);
  });

  it('switches language at any time and repeats the current question', () => {
    const chat = Chat.consented();
    chat.say('registrar mi caso');
    chat.say('english please');
    expect(chat.step).to.equal('intake.ageGroup');
    expect(chat.text).to.include('What is your age group?');
    expect(chat.choices[0]?.title).to.equal('Under 18');
    chat.click('lang:es');
    expect(chat.text).to.include('¿Cuál es tu rango de edad?');
  });

  it('answers help and global menu from anywhere', () => {
    const chat = Chat.consented();
    chat.say('registrar mi caso');
    chat.say('ayuda');
    expect(chat.step).to.equal('intake.ageGroup');
    expect(chat.text).to.include('«menú»');
    chat.say('menu');
    expect(chat.step).to.equal('menu');
  });

  it('withdrawing consent erases personal data and leaves information-only mode', () => {
    const chat = Chat.consented();
    for (const text of ['quiero poner una queja', 'Presentar una queja', 'me trataron mal', 'quiero hablar con una persona']) chat.say(text);
    chat.say('borra todo lo que te dije');
    expect(chat.step).to.equal('withdraw');
    chat.say('si');
    expect(chat.step).to.equal('menu');
    expect(chat.last.effects.map((e) => e.type)).to.deep.equal(['data.erase', 'consent.record']);
    expect(chat.text).to.include('borramos tus datos');
    // Not even the references of what was erased stay in the saved conversation.
    const saved = JSON.stringify(chat.session.persist());
    for (const ref of ['REF-006', 'REF-007']) expect(saved, ref).not.to.contain(ref);
  });

  it('matches a colloquial free-text question to published content', () => {
    const chat = Chat.consented();
    chat.say('como hago pa sacar la cita de migraciones');
    expect(['faq.answer', 'faq.suggest', 'faq.questions']).to.include(chat.step);
    const shown = chat.last.replies.find((r) => r.answerId)?.answerId ?? chat.choices.find((c) => c.action.startsWith('faq:'))?.action;
    expect(shown).to.match(/regularization\./);
  });

  it('offers a person after repeated misunderstandings', () => {
    const chat = Chat.consented();
    chat.say('🙂🙂');
    chat.say('🙂');
    expect(chat.text).to.include('«persona»');
  });

  it('keeps nothing the person typed in the snapshot before consent', () => {
    const chat = new Chat();
    chat.say('hola me llamo Mariela Pérez y mi cédula es 24681357');
    chat.say('vivo en la calle Los Olivos 123');
    chat.say('es');
    chat.say('mi numero es 987654321');
    expect(chat.step).to.equal('consent');
    const saved = JSON.stringify(chat.session.persist());
    for (const secret of ['Mariela', '24681357', 'Olivos', '987654321']) expect(saved).not.to.include(secret);
  });

  it('restores a saved snapshot and carries on', () => {
    const chat = Chat.consented();
    chat.say('registrar mi caso');
    const saved = { machineVersion: FARO_DIALOG_VERSION, snapshot: JSON.parse(JSON.stringify(chat.session.persist())) };
    const resumed = new Chat(faroDialog(), saved);
    resumed.choices = chat.choices;
    resumed.say('2');
    expect(resumed.step).to.equal('intake.gender');
  });

  it('restarts politely from a snapshot of another version, keeping language and consent', () => {
    const chat = Chat.consented();
    chat.say('english');
    const saved = { machineVersion: FARO_DIALOG_VERSION - 1, snapshot: JSON.parse(JSON.stringify(chat.session.persist())) };
    const resumed = new Chat(faroDialog(), saved);
    resumed.say('2');
    expect(resumed.text).to.include('We updated the assistant');
    expect(resumed.step).to.equal('menu');
  });

  it('restarts from an unreadable snapshot without failing', () => {
    const resumed = new Chat(faroDialog(), { machineVersion: FARO_DIALOG_VERSION, snapshot: { value: 'nowhere', context: {} } });
    resumed.say('hola');
    expect(resumed.step).to.equal('language');
  });

  it('reads a protection signal in text sent along with a button click', () => {
    const chat = Chat.consented();
    chat.send({ action: 'topic:health', text: 'me quiero matar' });
    expect(chat.step).to.equal('safety');
  });

  it('files a complaint with a reference after consent, keeping the words only in the effect', () => {
    const chat = Chat.consented();
    chat.say('quiero poner una queja');
    expect(chat.step).to.equal('complaint.kind');
    chat.click('complaint:complaint');
    expect(chat.step).to.equal('complaint.text');
    chat.say('en el albergue de Tumbes no nos dieron agua dos días');
    expect(chat.step).to.equal('complaint.done');
    expect(chat.last.effects).to.deep.equal([{ type: 'case.open', ref: 'REF-006', caseType: 'complaint', text: 'en el albergue de Tumbes no nos dieron agua dos días', lang: 'es' }]);
    expect(chat.text).to.include('REF-006');
    expect(JSON.stringify(chat.session.persist())).not.to.include('Tumbes');
  });

  it('asks consent before taking a complaint, then continues with it', () => {
    const chat = new Chat();
    chat.say('hola');
    chat.say('es');
    chat.say('no acepto');
    chat.click('complaints');
    chat.click('complaint:suggestion');
    expect(chat.step).to.equal('consent');
    chat.say('acepto');
    expect(chat.step).to.equal('complaint.text');
    expect(chat.text).to.include('sugerencia');
  });

  it('takes an anonymous PSEA report without consent and keeps nothing of it in the snapshot', () => {
    const chat = new Chat();
    chat.say('hola');
    chat.say('el señor que entrega los kits me pide cosas a cambio');
    expect(chat.step).to.equal('psea.info');
    chat.click('psea:report');
    expect(chat.step).to.equal('psea.contact');
    chat.click('psea:contact:anonymous');
    expect(chat.step).to.equal('psea.describe');
    // The description itself reads as a PSEA signal: here it is the report, not a new alarm.
    chat.say('el señor Ramírez del reparto en Comas me pidió fotos a cambio del bono');
    expect(chat.step).to.equal('psea.done');
    expect(chat.last.effects).to.deep.equal([
      { type: 'psea.report', code: 'REF-005', text: 'el señor Ramírez del reparto en Comas me pidió fotos a cambio del bono', contact: 'anonymous', lang: 'es' },
    ]);
    expect(chat.text).to.include('REF-005');
    const saved = JSON.stringify(chat.session.persist());
    for (const secret of ['Ramírez', 'Comas', 'REF-005']) expect(saved).not.to.include(secret);
  });

  it('files a PSEA report that also tells of danger, then shows the emergency numbers', () => {
    const chat = new Chat();
    chat.say('el voluntario me pidió sexo a cambio de la canasta');
    chat.click('psea:report');
    chat.click('psea:contact:this_chat');
    chat.say('me amenazó con matarme si hablo');
    expect(chat.step).to.equal('safety');
    expect(chat.last.effects[0]).to.include({ type: 'psea.report', contact: 'this_chat' });
    expect(chat.text).to.include('105');
  });
});
