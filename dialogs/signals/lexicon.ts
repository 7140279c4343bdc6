/**
 * What Faro treats as a protection signal, as data. A deployment extends it with
 * `extendLexicon(DEFAULT_LEXICON, { concepts: { AID_ORG: ['mi ong local'] } })` and passes
 * the result to `createSignalDetector`.
 *
 * ## Phrases
 * A concept is a list of phrases; a phrase is words separated by spaces, each word a set
 * of alternatives separated by `|`. Write them as people would: accents and capitals do
 * not matter (they are normalised away). Each alternative is
 * - `word`  matched with typos: none under 5 letters, one from 5, two from 9
 *           (`typoBudget` in dialogs/text/normalize.ts), so "matrme" finds "matarme";
 * - `=word` matched exactly, for words whose near neighbours are everyday words
 *           ("=paliza" must not find "póliza", "=vendida" must not find "vencida");
 * - `stem*` any word starting with the stem ("suicid*": suicidarme, suicidio…), no typos;
 * and a whole word may be
 * - `~`     any one word, or none ("no ~ aguanto mas" also finds "no lo aguanto mas");
 * - `word?` optional.
 * A phrase `@NAME` brings in every phrase of concept NAME, so "AID_WHO" can be made of
 * "@AID_PERSON", "@AID_ORG"… and a deployment that extends AID_ORG extends AID_WHO too.
 * The spellings people use are listed as alternatives: "kiero", "q", "k", "m", "biolaron".
 * English phrases go through `exact()`: short English words have too many real neighbours
 * ("kills"/"bills", "beating"/"eating") for typo tolerance to be safe.
 * Words that look like a typo of a lexicon word but are another everyday word go in
 * NOT_TYPOS. `test/dialogs/signals.cases.json` holds the cases every change must keep.
 *
 * ## Rules
 * A rule fires when all its concepts occur within `within` words (in the listed order if
 * `ordered`), unless one of its `unless` concepts starts within `unlessWithin` words after
 * the rule's first concept, or after `unlessAfter` ("matar" followed by "los piojos" is
 * about lice).
 *
 * ## Trade-off: the safe reading wins
 * A false alarm costs one extra, gentle offer of help; a miss can cost a life. Where a
 * phrase is ambiguous and one reading is dangerous, it counts. Known, accepted false
 * alarms: "quiero desaparecer esta deuda", "no puedo más con tantos trámites", "el trabajo
 * me está matando", "donde me venden un chip", "la ONG me pide fotos" (without naming a
 * document), "me obligan a trabajar horas extras", "me acosa el dueño por la renta",
 * "puedo trabajar a cambio de comida" (psea), "me llamo Socorro", "hubo una balacera cerca
 * de mi casa", "le robaron la moto con pistola". `unless` is used only
 * where the everyday reading is both common and clearly safe (pests and idioms, "vivir en",
 * photos of documents, "me tocó el bono", "acoso escolar", "can't go on Monday").
 */
import type { ProtectionSignal } from './detect.ts';

/**
 * Tiers are tried in this order; the first rule that matches decides.
 * 1. Immediate danger: life and liberty come first, even when the person harming is an aid
 *    worker ("el voluntario me pega" is `danger`), so both-apply cases get `danger`.
 * 2. Exploitation and abuse by people delivering aid: sexual abuse *by someone delivering
 *    help* reaches the PSEA focal points ("el de la ONG abusó de mí" is `psea`).
 * 3. Sexual violence by anyone else ("me violaron"): `danger`, emergency contacts and a person.
 */
export const TIERS = [
  { tier: 'immediate-danger', signal: 'danger' },
  { tier: 'psea', signal: 'psea' },
  { tier: 'sexual-violence', signal: 'danger' },
] as const satisfies readonly { tier: string; signal: ProtectionSignal }[];

export type Tier = (typeof TIERS)[number]['tier'];

export interface Rule {
  readonly tier: Tier;
  /** Concepts that must all occur. */
  readonly all: readonly string[];
  /** Largest span in words the concepts may cover together (required with 2+ concepts). */
  readonly within?: number;
  readonly ordered?: boolean;
  readonly unless?: readonly string[];
  /** Default 3. */
  readonly unlessWithin?: number;
  /** The concept after which `unless` is looked for; default the first of `all`. */
  readonly unlessAfter?: string;
  /** An emergency told as happening now in words no idiom, story or question uses (an accident
   * with someone not moving, a birth going wrong, an overdose): no everyday reading outweighs it
   * (dialogs/understanding/understand.ts), so it is not asked about gently in a question. */
  readonly now?: boolean;
  /** Why the rule exists: for reviewers, error messages and `explainSignal`. */
  readonly why: string;
}

export interface Lexicon {
  readonly concepts: Readonly<Record<string, readonly string[]>>;
  readonly rules: readonly Rule[];
  readonly notTypos: readonly string[];
}

export function extendLexicon(
  base: Lexicon,
  extra: { concepts?: Readonly<Record<string, readonly string[]>>; rules?: readonly Rule[]; notTypos?: readonly string[] },
): Lexicon {
  const concepts: Record<string, readonly string[]> = { ...base.concepts };
  for (const [name, phrases] of Object.entries(extra.concepts ?? {})) concepts[name] = [...(concepts[name] ?? []), ...phrases];
  return {
    concepts,
    rules: [...base.rules, ...(extra.rules ?? [])],
    notTypos: [...base.notTypos, ...(extra.notTypos ?? [])],
  };
}

/** Marks every alternative of every phrase exact (stems and `~` stay as they are). */
export function exact(phrases: readonly string[]): string[] {
  return phrases.map((phrase) =>
    phrase.split(' ').map((token) => {
      const optional = token.endsWith('?');
      const body = optional ? token.slice(0, -1) : token;
      if (body === '~') return token;
      const alts = body.split('|').map((a) => (a.startsWith('=') || a.endsWith('*') ? a : `=${a}`));
      return alts.join('|') + (optional ? '?' : '');
    }).join(' '),
  );
}

// ---------------------------------------------------------------------------------------
// Shared words

const ME = 'me|m|mee|nos|le|les|la|lo|te'; // clitic pronouns before a verb: "me pega", "la va a matar"
const ME_OR_MI = `${ME}|=mi`; // "mi pega" is a common misspelling of "me pega"
const WANT_ES = 'quiero|kiero|qiero|=kero|=qero|quisiera|kisiera|deseo|prefiero|quiere|kiere|quieren|kieren|ojala|mejor';
const QUE = 'que|q|k|ke|qe';
/** "abusa" is one letter from "acusa" and "aviso": exact forms, with the b/v and s/z spellings people use. */
const ABUSE = '=abusa|=abuso|=abusar|=abusado|=abusada|=abusaron|=abusando|=abusaba|=abusan|=abusivo|=abusador|=abuzo|=abuza|=abuzaron|=avuso|=avusa|=avusaron';
const MAS = 'mas|ma|=mass';
const SPANISH_DOCS = 'pasaporte|pasaportes|documentos|documento|=docs|papeles|cedula|cedulas|=dni|=ptp|=cpp|carnet|identificacion';
const ENGLISH_DOCS = '=passport|=passports|=papers|=documents|=id|=ids';

// ---------------------------------------------------------------------------------------
// Immediate danger: self-harm

const SELF_HARM = [
  'matarme|matame|matenme|=matarm|=matrme|=matalme|=matame',
  'suicid*|suisid*|sucid*|suicd*|suiced*|suisai*|suicai*|suicide*',
  `${ME_OR_MI} =mato|=mate|=maten`,
  'quitarme|quitarse|quitar la|mi|su vida',
  'acabar|terminar|acabo|termino|acabe|termine con ~ vida',
  'cansada|cansado|harta|harto de vivir',
  'cansada|cansado|harta|harto de la vida',
  'sin|perdi|perdido ganas de vivir',
  'no tengo ganas de vivir|seguir',
  'razon|razones|motivo|motivos para vivir',
  `para ${QUE} vivir|existir`,
  `para ${QUE} seguir viviendo`,
  'no vale la pena vivir|seguir',
  'vida no vale',
  'vida no tiene sentido',
  'sentido a la|mi vida',
  'vida sin sentido',
  'sentido a nada',
  'me siento|estoy sin salida',
  'no veo|encuentro ~ salida',
  'pensamientos|ideas|ganas de muerte|morir|matarme|suicidio',
  'me|m hago|hice|hacia dano',
  'me|m estoy haciendo dano',
  'soy una carga',
  'nadie me extranaria|extrañaria|extranaria',
  'nadie me|nos ~ ~ extranar|extranara|extrañar',
  'no tengo|quedan fuerzas|ganas para|de seguir|vivir|luchar',
  'no me quedan fuerzas|ganas para|de seguir|vivir|luchar',
  'no ~ quiero|kiero|qiero vivir|existir en|asi? este|esta mundo|vida',
  `no quiero|kiero|qiero vivir asi|${MAS}`,
  'dejar de existir|vivir',
  'dormir|dormirme y no despertar',
  `no despertar ${MAS}|nunca`,
  'no volver a despertar',
  'dormir para siempre',
  'cortarme|corto|cortando|cortaba|corte las|los venas|venitas|munecas|brazos|piernas',
  'hacerme|hacerse dano',
  '=lastimarme|=lastimarm|autolesion*',
  'auto lesion*',
  'ahorcarme|colgarme|envenenarme|=ahorcarm',
  'tirarme|lanzarme|aventarme|botarme|arrojarme|=tirar|=lanzar|=aventar|=arrojar de|del|por|al|a ~ puente|edificio|rio|mar|tren|ventana|balcon|techo|precipicio|azotea|metro|barranco|acantilado|carro|bus|pista|carretera|autopista|rieles|via',
  'tomarme|tomar|tome|tomo|beber|bebi todas las pastillas',
  'pastillas|pildoras ~ ~ ~ ~ ~ tomar|tomarme|tomo|tome|tragar|tragarme|trago ~ todas|todo',
  'tomarme|tomar|tome|tomo|beber|bebi ~ ~ veneno|raticida|cloro|lejia|matarratas|=racumin',
  'mejor no estar|existir|vivir|haber',
  'no haber nacido',
  'no ~ quiero|kiero|qiero|quisiera estar|seguir ~ ~ este|esta mundo|vida|tierra',
  'estarian|estaria|vivirian|viviria|estarán mejor sin mi',
  `me|m ~ ~ =colgar|=ahorcar|=envenenar`,
  'hoy|manana|ahorita me =cuelgo|=ahorco|=enveneno',
  'sobredosis',
  `no ~ aguanto|aguento|soporto|resisto|aguantamos ~ ${MAS}`,
  'ya no aguanto|aguento|soporto|resisto',
  `no puedo|pueda|podemos ${MAS}`,
  'no doy mas',
  ...exact([
    'kill|killing|hurt|hurting|harm|harming|cut|cutting|hang|hanging|kil myself|myslef|meself',
    'kill|killing|kil my self',
    'kms|kys',
    'end|ending|take|taking my own? life',
    'end|ending it all',
    'want|wanna|wish|going|gonna|ready to? die|disappear|dissapear|dissappear',
    'wish i was|were dead',
    'better off dead',
    'no reason|point to live|living',
    'cant|cannot take ~ anymore|more',
    'can t take ~ anymore|more',
    'cant|cannot do this anymore',
    'can t do this anymore',
    'self harm|harming',
    'selfharm|overdose',
    'jump off|from ~ bridge|building|roof|balcony',
    'never wake up',
    'take them all',
    'better off without me',
    'not|isn t|isnt|aint worth living',
    'it all to end',
    'want|wanna|need to end it',
    'all the|my pills',
    'nobody|no one would miss me',
    'i am|im a burden',
    // cutting, said of oneself or of someone now (found missing in round 14): "he cut his wrists"
    'cut|cutting|slit|slashed|sliced my|his|her|their wrists|wrist|veins',
    'cut|cutting himself|herself|themselves',
    'blood everywhere',
  ]),
  // the same in Portuguese and Creole
  'cortou|cortei|cortar|cortando|corta os|o|as pulsos|pulso|veias', '=koupe venn|ponyet|ponyèt',
];

/** "acabar con todo", but not "terminar con todo el trámite". */
const END_ALL = [
  'acabar|terminar|acabe|termine|acabo|termino con todo',
  'cansada|cansado|harta|harto|canse|cansé de todo',
  `${QUE} esto|todo ~ termine|acabe|pare|termina|acaba`,
];
const END_ALL_OBJECT = ['el|la|los|las|lo|mi|mis|este|eso|esto|ese|tramite|papeleo|proceso|pendiente|pendientes|=hoy|bien|rapido|pronto|luego|manana|=ya|=de|en'];

/** Said of living, not of a place: "no quiero vivir" (but see LIVE_PLACE). */
const NOT_LIVE = [
  'no ~ quiero|kiero|qiero|quisiera|deseo vivir',
  'no ~ quiero|kiero|qiero seguir viviendo',
  ...exact(['don|didn t want|wanna to? live', 'dont|didnt want|wanna to? live', 'do not want to live']),
];
/** "no quiero vivir en ese barrio" is housing. */
const LIVE_PLACE = [
  'en|aqui|aca|ahi|alla|alli|cerca|lejos|con|sola|solo|juntos|ese|esa|este|esta|por|=pa',
  ...exact(['here|there|in|with|near|alone|at|on']),
];
/** "I can't go on" is despair; "I can't go on Monday" is a date. */
const GO_ON = exact(['cant|cannot go|keep on|going', 'can t go|keep on|going']);
const GO_ON_DATE = exact(['monday|tuesday|wednesday|thursday|friday|saturday|sunday|the|a|an|that|this|time|weekend|vacation|vacations|holiday|trip|line|tomorrow|today|foot|my|your|his|her|our|their|with|like|to|at|in|it|for']);
const DIE = ['morir|morirme|morirnos|morirse|=muera|=muero|=muerta|=muerto|=muerte', ...exact(['die|dead'])];
const DISAPPEAR = ['desaparecer|desaparecerme|desaparecernos|esfumarme|=desaparecr', 'no existir'];
const WANT = [WANT_ES, 'ganas de', ...exact(['want|wanna|wish'])];

// ---------------------------------------------------------------------------------------
// Immediate danger: violence

const KILL_ANY = [
  '=matar|=mata|=matan|=mato|=mataron|=matando|=matara|=matare|=mataria|=maten|=matado|=matarlo|=matarla|=matarnos|=matarte|=matarlos|=matarlas|=matarle|=mataran',
  'asesin*|asecin*|=matal|=matalo|=matala',
  ...exact(['kill|kills|killed|killing|murder|murdered|murdering']),
];
/** "matar los piojos", "matar el hambre", "kill time": not about people. */
const PEST_IDIOM = [
  'piojos|piojo|liendres|pulgas|pulga|cucarachas|cucaracha|chinches|ratas|ratones|raton|zancudos|mosquitos|moscas|hormigas|bacterias|germenes|virus|hongos|parasitos|lombrices|garrapatas|plagas|plaga|bichos|gusanos',
  'el hambre|aburrimiento|tiempo|rato',
  'la sed',
  ...exact(['lice|nits|fleas|bugs|roaches|cockroaches|rats|mice|mosquitoes|germs|bacteria|time|weeds|pests|virus']),
];
const HIT_STRONG = [
  'golpea*|=golpeo|=golpes|golpia*|golpie*|golpiza|=paliza|maltrat*',
  'cachetea*|cachetad*|bofetad*|punete*|punetazo*|trompad*|conazo*|conace*|=conaso|=conasos|=ahorca|=ahorcando|=ahorcandome|estrangul*',
  'apunal*|acuchill*|=chuzo|=chuzaron|=disparo|=disparos|balazo*|=baleado|=baleada|=balacera',
  // shots fired at someone or nearby; not "los precios se dispararon" (found in round 7)
  `${ME} =disparo|=disparar|=dispararon|=disparan|=disparando`,
  '=disparar|=dispararon|=disparan|=disparando a|al|contra|en|cerca|afuera|aqui|aca',
  '=pega|=pegan|=pego|=pegaba|=pegaron|=pegando a ~ mi|mis|su|sus|los|las|nosotros|nosotras|hija|hijo|ninos|ninas|chamos|chamas',
  'violencia familiar|domestica|intrafamiliar|fisica',
  'violencia de genero',
  '=mi =pega|=pegan|=pego|=pegaba|=pegaron|=pegando|=empuja|=empujo|=patea|=pateo|=chanco|=lapeo',
  'correazo*|latigazo*|chicotazo*|cuerazo*',
  `${ME_OR_MI} =saco|=sacaron|=sacaba la mugre|cresta|entreputa`,
  `${ME_OR_MI} =rompio|=rompe|=partio|=revento|=rompieron ~ ~ cara|boca|nariz|brazo|diente|dientes|costillas|cabeza|ojo|labio`,
  `${ME_OR_MI} =dejo|=dejaron ~ morada|morado|moretones|moretes`,
  'ojo|ojos morado|morada|morados|hinchado',
  'sufro|sufre|sufrimos|vivo|vive|viviendo ~ violencia|maltrato',
  'victima de ~ violencia|maltrato',
  // Portuguese and Creole: "me espancou", "bate em mim", "li bat mwen" (found missing after round 10:
  // partner violence was known in Spanish and English words only)
  'espanc*|=surra|=surras|=agressao|=agressoes',
  '=bate|=bateu|=batia|=batendo|=bater em|na|nas|no|nos ~ mim|nos|criancas|crianca|filha|filho|filhas|filhos|mulher|esposa|mae|bebe|menino|menina|gente',
  '=bat|=frape|=kale|=maltrete mwen|m|nou|pitit|madanm|timoun|ti',
  ...exact([
    'beats|beating|beaten|punched|punching|punches|slapped|slaps|slapping|choking|choked|strangl*',
    'domestic violence|abuse',
    'abusive husband|partner|boyfriend|man|father',
    'assaulted|attacked|stabbed|shot me|us|her|him',
    'hurt|hurts|hurting me|us|her|him',
    'hurt|hurts|hurting my kids|children|daughter|son|baby|wife|mom',
  ]),
];
/** Needs a pronoun before it: "me pega" (but "pega la foto" is not violence). */
const HIT_WEAK = [
  '=pega|=pegan|=pego|=pegaba|=pegaban|=pegaron|=pegar|=pegando|=pegado|=pegarme|=pegue|=peguen',
  '=empuja|=empujo|=empujan|=empujaba|=empujaron|=patea|=pateo|=pateaba|=patearon|=pateando|=ahorco|=ataca|=atacan|=ataco|=atacaron|=lastiman|=lastimaba|=lastimo|=hiere|=hirio|=hirieron',
  '=jala|=jalo|=jalan|=tira|=tiro del? pelo|cabello',
  '=tiro|=tira|=tiraba|=lanzo|=avento|=empujo|=empuja|=estrello|=estrella contra',
  '=tiro|=tira|=tiraba|=lanzo|=avento|=empujo|=empuja|=estrello al|el|en|por piso|suelo|escaleras',
  '=da|=dan|=dio|=daba|=dieron|=metio|=mete|=metia|=tiro|=tira|=tiraba ~ golpes|patadas|cachetadas|punetes|trompadas|conazos|=pela|=pelas|=lapo|=lapos|lapazo|lapazos|=tunda|sopapo|sopapos|cocotazo|cocotazos|correazos|palazos|=golpe|=punete|=patada|=cachetada|=trompada|=conazo',
  '=agarro|=agarra|=agarraron|=agarraba|=cayo|=cayeron|=caen|=entro|=entraron a golpes|patadas|conazos|correazos|palazos|punetes|lapos|cachetadas|cuchilladas|tiros|balazos|=pata|=palo|=palos|=correa|=correazos',
  '=chanco|=chanca|=chancaron|=chancaba|=lapeo|=lapea|=lapearon|=zampo|=sopapeo|=sopapea',
  // Portuguese after its clitic: "me bate", "quer me bater", "nos agrediu"
  '=bate|=batem|=batia|=bateu|=bater|=batendo|=agride|=agrediu|=agredir|=machuca|=machucou|=machucar|=empurrou|=chutou|=chuta',
];
/** Clitic pronouns; "mi" (a common spelling of "me") only right before the verb, see HIT_STRONG, as "mi bebé da patadas" is not violence. */
const PRONOUN = [ME];
/** "me pegó la gripe", "me pegaron una multa", "me pegó un susto"; "me bateu a saudade". */
const STUCK = 'multa|multas|papeleta|gripe|virus|susto|chicle|cinta|foto|fotos|afiche|cartel|etiqueta|sticker|stickers|tos|resfrio|covid|piojos|sarna|costumbre|mania|cancion|acento|calcomania|saudade|fome|sono|vontade|preguica|cansaco';
const STUCK_ON = [`un|una|la|el|los|las|a|o|as|os|um|uma ${STUCK}`, STUCK];
const HIT_EN = exact(['hit|hits|hitting|beat|beats|beating|punch|punches|punching|slap|slaps|slapping|choke|chokes|choking|kicks|kicking|kicked|attack|attacks|attacking']);
const OBJECT_EN = exact(['me|us|my|her|him|them|mom|kids|children']);
const WEAPON = [
  'cuchillo|cuchilla|navaja|pistola|=revolver|=machete|escopeta|=fusil|=chaira|=punzon',
  'con|un|una|tiene|saco|sacaron|traia|trae =arma|=armas',
  '=armado|=armados',
  'con un|una =palo|=bate|=fierro|=tubo|=piedra|=botella|=correa|=martillo|=cuchillo',
  ...exact(['gun|knife|pistol|weapon|rifle']),
];
const THREAT = [
  `${ME_OR_MI} ~ amenaz*|amenas*`,
  `${ME_OR_MI} =va|=van|=iba|=iban|=quiere|=quieren a? =desaparecer`,
  'amenazad*|amenasad*',
  'amenaza|amenazas|amenazo|amenazaron de|con ~ muerte|=matar|matarme|matarnos|matarla|matarlo',
  // intimidation: "ya saben dónde vivo y que me calle"
  'ya ~ saben|se|sabemos donde vivo|vives|vivimos|estudian',
  // "mañana me encuentran muerta si no pago"
  'me|te|la|lo|nos encuentran|encontraran|encontrarian|aparezco|apareces|aparece muerta|muerto|muertos|tirada|tirado',
  'me|te|la|lo|nos van a encontrar|aparecer muerta|muerto|muertos|tirada|tirado',
  'que|q me calle|callara', 'que|q quede|quedara|quedes callada|callado',
  // "dijo q esta noche vuelve y q no grite" (found missing in round 8)
  'que|q no grite|grites|gritara|gritaras', 'que|q no haga|hagas ruido',
  // the threat at the end of a demand (found missing in round 9): "500 soles o le hacen algo a mi hijo"
  'o|sino ~ le|les|te|me|nos|la|lo hacen|haran|hace|hara|pasa|pasara algo|dano',
  // "la próxima es un tiro" (found missing in round 14): the shot promised next time
  'la|el proxima|proximo|siguiente vez? es|va|sera|viene un|una? tiro|bala|balazo|plomo',
  'te|le|me|nos meten|meteran|van a meter un|una? tiro|bala|balazo|plomo',
  // harm promised to someone close: "si hablo le pasa algo a mi hijo"; ht "li konnen kote m rete"
  'si ~ hablo|digo|cuento|denuncio|hablas|dices|cuentas|denuncias ~ ~ le|les|te|me pasa|pasara|hace|hara|hacen algo',
  'le|les|te va|van a pasar|hacer algo a|al ~ mi|mis|tu|tus|su|sus',
  'li|l|yo konnen kote m|mwen|nou rete',
  ...exact(['threatened|threatens|threatening|threaten me|us|my|to|her|him', 'death threat*']),
];
const DANGER_NOW = [
  'auxilio|=auxilo|=ausilio|socorro|=sos',
  's o s',
  // someone forcing a way in now (found missing in round 8)
  '=quiere|=quieren|=intenta|=intentan|=trata|=tratan|tratando|intentando|queriendo de? entrar|meterse a|al|en ~ mi|nuestra casa|cuarto|cuartito',
  'forzando|forzaron|rompiendo|rompen la|mi ~ puerta|ventana|chapa|reja|cerradura',
  'en peligro',
  'corro|corre|corremos|corren peligro',
  'peligro de muerte',
  'llamen|llama|llamar|llame a la ~ policia|patrulla|serenazgo',
  'es|tengo|tenemos|hay una emergencia',
  `${ME_OR_MI} ~ persigu*|persegu*|persigi*`,
  'me|nos esta|estan siguiendo',
  // people hiding, not a thing done in secret ("comeu chocolate escondido", found in round 7)
  'estoy|estamos|esta|estan|ando|andamos|toy|tamos|sigo|seguimos|quede|quedamos|estou|estamos escondida|escondido|escondidas|escondidos',
  '=escondida|=escondido|=escondidas|=escondidos en|debajo|detras|dentro',
  '=escondiendome|=escondiendonos',
  'me|nos =escondi|=escondimos|=escondo|=escondemos',
  ...exact([
    'in danger',
    'i am|im not safe',
    'not safe at|in home|here|house',
    'call|calling the police|cops',
    'call 911',
    'this|its|it is an? emergency',
    'following|stalking|chasing me|us',
    'stalker|stalks',
  ]),
];

// ---------------------------------------------------------------------------------------
// Immediate danger: trafficking and confinement

const WITHHOLD = [
  `${ME_OR_MI} ~ =quito|quitan|quitaron|quitaba|retiene|retienen|retuvo|retuvieron|quitado`,
  'quitaron|quitaban|retienen|retuvieron|retiene|retuvo|confiscaron|confisco|decomisaron|=retenido|=retenidos|=retenida|=retenidas',
  'se quedo|quedaron|quedaba|queda|quedan con',
  '=tiene|=tienen|=guarda|=guardan|=esconde|=esconden|=escondio mi|mis|nuestros|nuestras',
  `${ME_OR_MI} =tiene|=tienen|=guarda|=guardan|=esconde|=esconden|=escondio|=tenia|=tenian`,
  `no ${ME_OR_MI} ~ devuelve|devuelven|devolvio|devolvieron|devolver`,
  ...exact([
    'they|he|she|boss|employer|someone|somebody|man|woman|police|patron|jefe took|kept|keep|keeps|hid|hides|has|have|confiscated|stole',
    'was|were|been|got taken|confiscated|kept',
    'keeps|keeping|holding|holds|confiscated|withhold*|withheld|hides|hiding',
    'won|doesn t return|give',
    'wont|not return|give',
  ]),
];
const DOCS = [SPANISH_DOCS, ENGLISH_DOCS];
/** "me tienen que dar el pasaporte" is a question of delay, not of withholding. */
const HAVE_TO = ['que|q|k|ke|qe'];
const CANT_LEAVE = [
  `no ${ME_OR_MI} ~ deja|dejan|dejaba|dejaban|dejo|dejaron|=quiere|=quieren ~ salir|irme|irnos|escapar|escaparme|salirme|salirnos|marcharme|largarme|huir`,
  'no puedo|podemos|pude escapar|huir|escaparme|escaparnos',
  'ayud*|help ~ ~ escapar|escaparme|huir|=escape',
  'sin poder|dejarme|dejarnos ~ salir',
  `no ${ME_OR_MI} ~ deja|dejan|dejaba|dejaban|dejo|dejaron ~ =ir|volver|regresar a mi|su|nuestra casa`,
  'sacarme|sacame|saquenme|sacarnos|saquennos|sacanos de aqui|aca|ahi',
  ...exact([
    'get me|us out of here|there',
    'won|don|doesn|didn t let|letting me|us leave|go|out',
    'wont|dont|doesnt|didnt|not let|letting me|us leave|go|out',
    'not allowed to leave|go',
    'against my|our will',
    'held against',
  ]),
];
/** "no puedo salir del país" is regularisation; with a debt or an employer it is not. */
/** "no me dejan salir del país sin permiso del papá" is a travel question. */
const ABROAD = [
  'del|de pais|peru|lima|aeropuerto|frontera',
  'a|para|hacia|rumbo venezuela|chile|colombia|ecuador|bolivia|argentina|brasil|otro',
  'sin permiso|pasaporte|papeles|documentos|visa|autorizacion',
  ...exact(['the country|airport', 'of peru|the country', 'without']),
];
const CANT_LEAVE_WEAK = [
  'no puedo|podemos|pueden|pude|pudimos|puedes ~ salir|irme|irnos|salirme|escapar|huir',
  `no ${ME_OR_MI} ~ deja|dejan|dejaba|dejaban|dejo|dejaron =ir`,
  ...exact(['cant|cannot leave', 'can t leave', 'let me|us go|leave']),
];
const EXPLOIT = [
  'sin pagar|paga|pago|sueldo|salario',
  'no me|nos ~ paga|pagan|pagaban|pagaba|pagaron',
  'gratis|=deuda|=deudas|=devda|debo|debemos|patron|patrona|jefe|jefa|explot*|=dueno|=duena|encargado',
  ...exact(['work|working|boss|debt|owe|unpaid|pay', 'without pay']),
];
const FORCED = [
  `${ME_OR_MI} =tienen|=tiene|=ponen|=pone trabajando|vendiendo|mendigando|robando`,
  'obligan|=obliga|=obligo|obligaron|obligaban|obligada|obligado|obligadas|obligados|forzada|forzado|forzadas|forzados|fuerzan|=fuerza|forzando|obligando',
  ...exact(['forced|force|forces|forcing']),
];
const FORCED_WHAT = [
  'trabajando|trabajar|trabajo|trabaje|trabajamos|chambear|chamba|vender|robar|mendigar|droga|drogas|prostituir*|prostitu*',
  ...exact(['work|working|sell|selling|beg|begging|steal|drugs|prostitut*']),
];
const TRAFFICKING = [
  'me|m|nos|te =vendieron|=vendio|=venden|=vendian|=venderan|=vendera|=bendieron|=vendiron',
  'me|m|nos|te quieren|quiere|van|va|iban|piensan a? =vender|=bender',
  'me|nos =explotan|=explota|=explotaban',
  `${ME} ~ ~ prostituir|prostituirme|prostituirla`,
  '=venderme|=vendernos|=venderla|=venderlas|=vendida|=vendidas',
  '=vender|=venden|=vendieron|=vendio|=vendiendo|=venderan a mi|mis|su|sus|tu|nuestra|nuestro|nuestras|nuestros',
  '=trata|=trafico de personas|blancas',
  // people as the object sold: "le vende las chicas nuevas a unos señores" (not "venden unos chicos empanadas")
  'le|les =vende|=venden|=vendia|=vendian|=vendio|=vendieron|=ofrece|=ofrecen las|los|unas|unos|a ~ chicas|chicos|ninas|ninos|muchachas|mujeres|menores|chamas|jovencitas',
  '=vende|=venden|=vendia|=vendian|=vendio|=vendieron|=ofrece|=ofrecen a las|los|unas|unos ~ chicas|chicos|ninas|ninos|muchachas|mujeres|menores|chamas|jovencitas',
  'tratante|tratantes',
  'trafico de ~ personas|ninos|ninas|mujeres|migrantes|humanos|organos|menores',
  'explotacion|explotan|explotada|explotado laboral|laboralmente',
  'esclav*|=slave*',
  'trabajo forzoso|forzado',
  'extors*|extorcion*|=extorsion',
  ...exact([
    'sold|selling me|us|her',
    'was|were|been|being sold',
    'to sell me|us|her',
    'sold|selling|sell my daughter|son|kids|children|baby|girl|wife|sister',
    'traffick*|trafiking|traficking',
    'forced labor|labour',
    'debt bondage',
  ]),
];
/** A child or relative missing: "mi hija desapareció", "mi hijo no volvió del colegio". */
const MISSING = [
  'desaparecio|desaparecida|desaparecido|desaparecidas|desaparecidos|desaparecieron',
  'no aparece|aparecen|volvio|regreso|regresa|vuelve',
  'se perdio|perdieron',
  '=sumiu|=sumiram|desapareceu', 'nao voltou',
  'pa tounen|retounen', 'pa konn kote ~ ye',
  'no se|sabemos|sabe donde esta|estan|anda|andan',
  // lost and not found (found missing in round 11): "no lo encuentro", "got lost", "se perdeu"
  'no la|lo|las|los encuentro|encontramos|encuentra|encuentran', '=se perdeu|perderam', 'nao acho|encontro|achamos|encontramos', '=pa jwenn',
  ...exact(['got lost', 'is lost', 'cant|cannot find', 'can t find', 'lost my daughter|son|child|kid|baby|boy|girl|kids|children']),
  // Each space starts a new word: "hasn t" is two words ("hasn", "t"), so it gets its own phrase.
  ...exact(['missing', 'disappeared', 'hasnt|didnt|never come|came|got home|back', 'hasn|didn t come|came|got home|back', 'has|did not come|came|got home|back']),
];
/** "no aparece en el sistema" is a records question. */
const RECORDS = ['en el|la|los|las ~ sistema|lista|listas|web|pagina|padron|registro|base|planilla|reniec|migraciones|sis|plataforma|app|aplicativo'];
const RELATIVE = ['hija|hijo|hijas|hijos|nina|nino|ninos|ninas|chamo|chama|chamos|chamas|esposa|esposo|hermana|hermano|mama|papa|sobrina|sobrino|bebe|chibolo|chibola|=menor|nieta|nieto|prima|primo|novia', 'filho|filha|filhos|=pitit|=timoun', ...exact(['daughter|son|child|kid|kids|children|wife|husband|sister|brother|mom|mother|baby|girl|boy'])];
/** "me trajeron engañada para trabajar": deceptive recruitment. */
const DECEIVED = ['enganada|enganado|enganadas|enganados|enganaron|engano|enganan', ...exact(['tricked|lied|deceived'])];
const RECRUITED = ['trabajar|trabajo|chamba|viaje|viajar|trajeron|trajo|traer|traerme|pasaje|pasajes', ...exact(['work|job|travel|brought|trip'])];
/** "la deuda del viaje", "pagar el pasaje trabajando": debt bondage. */
const DEBT_BONDAGE = [
  'deuda|deudas|=devda del|de|por ~ viaje|pasaje|pasajes|traslado|traida',
  'pagar|pagando|pague ~ ~ viaje|pasaje|pasajes|traslado|traida|deuda trabajando',
  ...exact(['debt for|from the|my trip|journey|travel|ticket', 'pay|paying off|back the|my trip|journey|ticket|debt by working']),
];
const CONFINE = [
  'encerr*|encierr*',
  '=amarrada|=amarrado|=amarradas|=amarrados|=amarraron',
  `${ME_OR_MI} =amarro|=amarra|=amarran|=amarraban`,
  'secuest*|sequest*|=secuestaron',
  '=retenida|=retenido|=retenidas|=retenidos|=atrapada|=atrapado|=atrapadas|=atrapados|=cautiva|=cautivo|=cautivas',
  'bajo llave',
  `${ME} =tienen|=tiene|=tenian|=tenia ~ ~ ~ sin =salir`,
  `${ME_OR_MI} ~ metieron|meten|metio|encerraron|subieron en|a un|una|el|la ~ cuarto|casa|carro|habitacion|camioneta|taxi|auto|cuartito|sotano|bano`,
  ...exact([
    'locked in|up|inside|me|us|her|him',
    'lock|locks me|us|her|him',
    'keep|keeps|kept me|us|her locked|inside|prisoner',
    'kept|held in|inside ~ ~ apartment|flat|house|room|basement|warehouse|building|truck|place',
    'keep|keeps|kept|keeping|hold|holds|held|holding us|me|her|them ~ in|inside',
    'kidnap*|abduct*|hostage|captive|trapped|confined',
  ]),
];

// ---------------------------------------------------------------------------------------
// Exploitation and abuse by people delivering aid (PSEA)

const PSEA_DIRECT = [
  'psea|pseah|=seah',
  'explotacion|explotaciones ~ sexual|sexuales',
  'explotacion y abuso sexual',
  'acoso|acosa|acosan|acosaba|hostigamiento ~ sexual|sexualmente',
  '=favores|=favor|=favorcitos|=fabores sexuales|sexual|=sesuales',
  'propuesta|propuestas ~ indecente|indecentes',
  'pagar|pague|pago|cobrarme|cobra|cobro con ~ cuerpo',
  ...exact([
    'sexual exploitation',
    'exploitation and abuse',
    'sexual harassment',
    'sexually harass*',
    'sexual favors|favours|favor|favour',
    'sex for',
    'indecent proposal',
    'pay|paid with my body',
  ]),
];
const AID_PERSON = [
  'voluntari*|=voluntaio|=boluntario|=boluntaria',
  'humanitari*',
  'promotor*|facilitador*|brigadista*|encuestador*|registrador*|gestor*|coordinador*|encargad*|funcionari*|delegad*',
  'el|la|los|las|del|al|un|una =personal',
  'trabajadora|trabajador social',
  '=pastor|=pastora',
  ...exact(['volunteer*', 'aid worker|workers', 'case|social worker', 'caseworker|distributor|staff']),
];
const AID_ORG = [
  'ong|ongs|=onj',
  ...exact(['job|youth|aid|food|cash|housing|shelter program|programme|programs']),
  'el|del|al|un =programa de ~ ayuda|alquiler|cash|efectivo|bono|bonos|alimentos|comida|vivienda|apoyo',
  // "el señor del programa de becas" (found missing in round 7): programmes of any kind, and "el del programa"
  'el|del|al|un =programa de ~ beca|becas|estudios|empleo|empleabilidad|emprendimiento|integracion|proteccion|nutricion|refuerzo|capacitacion|formacion|acompanamiento|reasentamiento|medios',
  'los|las|el|la|senor|senora|senorita|joven|chico|chica|muchacho del =programa',
  'o n g',
  'acnur|=oim|unicef|=pma|=onu',
  'naciones unidas',
  '=hias|caritas|=cesal|=adra',
  'cruz roja',
  'plan international',
  'save the children',
  'world vision',
  'aldeas infantiles',
  'organizacion|=fundacion|asociacion|iglesia',
  ...exact(['ngo|ngos|unhcr|iom|wfp|church|organization|organisation|charity', 'united nations', 'red cross', 'aid|relief group|groups|agency|agencies|team|org']),
];
const AID_DELIVERY = [
  'entrega|entregan|entregaba|entregaban|reparte|reparten|repartia|repartian|distribuye|distribuyen',
  ...exact(['handing|hands|gives|giving|delivers|distribution|distributing|handout|handouts']),
];
/** Cash as aid; kept apart because money demanded "for money" ("me cobran… no tengo plata") is no sign of aid. */
const AID_CASH = ['dinero|=plata|efectivo|=cash', ...exact(['money'])];
const AID_IN_KIND = [
  'la|las|de|esa|esta|su|darme|dar|recibir|dan|daba|los ayuda|ayudas|ayudita',
  'kit|kits|=bono|=bonos|canasta|canastas|canastita|viveres|comida|alimento|alimentos|voucher|vouchers|vaucher|baucher|boucher|=vale|=vales|cupon|cupones|tarjeta|tarjetas',
  'donacion|donaciones|donativo|beneficio|beneficios|=cupo|=cupos|subsidio',
  'alojamiento|hospedaje',
  'el|del|al|un|su|ese =apoyo|=apoyos',
  'inscribir|inscribirme|inscriba|anotar|anotarme|anote|registrar|registrarme|registre|apuntarme|apunte|padron',
  'la|en|de =lista|=listas',
  ...exact(['food|aid|voucher|vouchers|kit|kits|card|cards|assistance|rations|ration|supplies|groceries|benefits']),
];
const AID_GOODS = ['@AID_IN_KIND', '@AID_CASH'];
/** Someone at a shelter or soup kitchen is someone delivering aid. */
const AID_PLACE = [
  'albergue|refugio|comedor', 'olla comun', 'centro|hogar|casa de acogida', 'centro|ponto|posto de doacao|doacoes|distribuicao',
  // children's spaces and health campaigns run by agencies (found missing in round 4)
  'espacio|espacios amigable|amigables|seguro|seguros|protegido|ludico', 'ludoteca', 'espaco amigo|seguro',
  // the state's and agencies' daycare (found missing in round 9): "la guardería del programa"
  'guarderia|=cunamas|=wawawasi|=pronoei', 'cuna mas', 'wawa wasi',
  'campana|brigada|jornada de ~ ~ salud|medica|vacunacion|gratuita|gratis',
  ...exact(['shelter|refuge', 'child|children|kids friendly? s? space|spaces|center|club|area']),
];
const AID_WHO = ['@AID_PERSON', '@AID_ORG', '@AID_DELIVERY', '@AID_PLACE', '@AID_ROLE'];
const AID = ['@AID_WHO', '@AID_GOODS'];
const AID_NOT_CASH = ['@AID_WHO', '@AID_IN_KIND'];

const BODY = '=partes|=cuerpo|=senos|=pechos|=nalgas|=trasero|=piernas|=pierna|=vagina|=intimas|=culo|=poto|=tetas|=pompis';
const TOUCH_STRONG = [
  '=tocarme|=tocandome|=tocarla|=tocandola|manose*|toquete*|=agarrarme',
  `${ME_OR_MI} ~ =toca|=toco|=tocaba|=tocan|=tocaron|=agarro|=agarra|=agarraba ~ ~ ${BODY}`,
  `${ME_OR_MI} ~ =toca|=toco|=tocaba|=tocan|=tocaron sin ~ permiso`,
  ...exact(['touched|touching|touches|touch|groped|grope|gropes|groping|fondled|grabbed|grabs|grabbing me|her|my']),
];
/** Bare "me tocó": touched, or "it was my turn". */
const TOUCH_AMBIG = [`${ME_OR_MI} ~ =toca|=toco|=tocaba|=tocan|=tocaron|=tocado`, `${ME_OR_MI} =mete|=metio|=metia|=pasa|=paso la? =mano|=manos`];
/** "me tocó el bono", "me toca esperar": "toca" as "it is my turn". */
const TURN = [
  'el|la|los|las|un|una|esperar|ir|pagar|venir|volver|regresar|hacer|salir|dormir|turno|bono|kit|canasta|ayuda|cupo|cita|entrevista|llamar|traer|llevar|buscar|=a|mi|mis|=que|=q',
];
const SEXUAL = [
  '=sexo|=sexual|=sexuales|=sexualmente|=sesual|=sexsual|=sex|=sexy|=seso|=secso|=s3xo|=sexo',
  'tener|tenga|tuviera|tengamos =relaciones|=relasiones|=relacion',
  '=relaciones|=relasiones sexuales|intimas',
  '=acostarme|=acostarse|=acostarnos|=acueste|=acuesto|=acostara|=acostarte|=acostar|=acostaba|=acostaria|=acostase',
  '=beso|=besos|=besar|=besarme|=besarla|=besito|=besitos|=bezo|=besarte',
  '=desnuda|=desnudo|=desnudas|=desnudarme|=encuerada|=encuerado|=calata|=calato|=calatita',
  'sin ropa',
  'mande|manda|mandar|mandarle|mandaba|pase|pasa|pasar|pasarle|pasaba|envie|enviar|enviarle|enviaba ~ el? =pack|=packs',
  'mi|su|tu =pack',
  'fotos|foto|videos|video intimas|intimos|intima|hot|sexys|desnuda',
  'prostitu*',
  ABUSE,
  '=acoso|=acosa|=acoza|=akosa|=acosan|=acosaba|=acosando|=acosador|=acosadora|=acosarme|hostiga*',
  '=violo|=violaron|=viola|=violada|=violado|=violarme|=violarla|=violador|=violacion|=violar|=biolo|=biolaron|=biolada',
  '=coquetea|=coqueteo|=coquetear|=piropos|=insinua|insinuaciones|=insinuo',
  'mensajes|cosas|fotos|comentarios|chistes|propuestas raros|raras|feos|feas|sucios|sucias|obscenos|obscenas|cochinos|cochinas',
  'subidos|subido de tono',
  'mira|miraba|miran|mirando raro|feo|raros|morboso|morbosa|morbo',
  '=soy|=eres|=estas|=sea muy? =bonita|=linda|=hermosa|=bella|=buenota|=rica|=sabrosa',
  'propaso|propasa|propasarse|propasado|sobrepaso|sobrepasa conmigo',
  '=propaso|=propasa|=propasó|=propasado',
  'falto|falta|faltaba|faltaron el respeto',
  '=cochinadas|=groserias|=mamacita|=mamita|=bebecita|=mami|=mamasita|=ricura',
  '@TOUCH_STRONG',
  ...exact([
    'kiss|kissed|kissing|nudes|nude|naked|porn|porno|prostitut*|flirt*',
    'abuse|abused|abusing|abuser|harass*|rape|raped|raping|rapist|molested|molesting|molests|molester|assault|assaulted',
  ]),
];
const EXCHANGE = [
  'a cambio|canbio|=canvio',
  'doy|darle|des|di lo que|q|k quiere|pide',
  'si le|me hago|haces|hace|hacia|hiciera|haga un|unos favor|favores|favorcito|favorcitos',
  'a trueque',
  '=favores|=favorsitos|=favorcito|=favorcitos|=favorsito|=fabores',
  'pide|pidio|pidiendo|pedia|piden|pidieron|pedian|exige|exigen|exigio|pidiendome cosas|vainas|=vaina|cositas',
  'pide|pidio|pidiendo|pedia|piden|pidieron|pedian|exige|exigen|exigio|pidiendome otra|otras cosa|cosas',
  'como|a condicion|condiciones',
  ...exact(['in exchange|return', 'exchange for', 'quid pro quo', 'favors|favours']),
];
/** Asking for something in return, even without saying who. */
/** "solo si", "tengo que": aid made conditional ("la ayuda me la dan solo si me acuesto con él"). */
const CONDITION = ['si|sino|solo|condicion*|=condiciona|=condicionan', 'tengo|tienes|tiene|hay que', ...exact(['if|unless|only'])];
/** Someone, for "un hombre me tocó en el bus" (with no aid context it is sexual violence). */
const SOMEONE = ['hombre|senor|tipo|=man|chamo|pana|vecino|viejo|desconocido|alguien|guardia|policia|jefe|profesor|=tio|padrastro|primo|esposo|pareja|marido|cunado|suegro|chofer|taxista|=pata'];
/** Anything someone may hold over a person: aid, a job, a room, papers. */
const QUID = ['@AID_GOODS', 'trabajo|empleo|chamba|=chambita|papeles|cuarto|alquiler|renta|cupo|vacante|puesto', ...exact(['job|work|papers|room|rent'])];
const INTIMATE = ['@SEXUAL', '@DATE'];
/** "trabajo sexual" is work, not a job offered for sex. */
const SEXUAL_ADJ = ['sexual|sexuales'];
/** "mi padrastro se mete a mi cuarto de noche". */
const INTRUDES = ['se|=s mete|metia|metio|entra|entraba|entro a|en mi|nuestro ~ cuarto|cama|habitacion|bano'];
const INTRUDER = ['padrastro|tio|primo|vecino|jefe|patron|suegro|cunado|senor|hombre|tipo|abuelo|desconocido', ...exact(['stepdad|stepfather|uncle|cousin|neighbor|neighbour|boss|man|guy'])];
/** "sexo como forma de pago", "para no pagar el alquiler": only with SEXUAL (alone it is a payment question). */
const PAY_INSTEAD = ['para no pagar', 'en vez|lugar de pagar', 'como|forma de pago', 'como pagar|pago'];
const EXCHANGE_ASK = [
  '=pide|=pidio|=pidiendo|=pedia|=piden|=pidieron|=pedian|=exige|=exigen|=exigio|=pidiendome ~ ~ ~ a cambio',
  'pide|pidio|pidiendo|pedia|piden|pidieron|pedian|exige|exigen|exigio|pidiendome ~ favores|favorcitos|favorsitos',
  'algo a cambio',
  ...exact(['something in return', 'favors|favours|things in return|exchange', 'in exchange for favors|favours|sex']),
];
const DATE = [
  'cuando ya? todos se fueron|vayan|hayan|vallan',
  'quedarse|quedarte|quedarme|quede|quedes|quedara despues|luego|sola|solita|solas con',
  'cuando no haya|hay nadie',
  'salga|salir|saliera|salgamos|salgo|=sale con el|ella|=el',
  'quise|quiso|quiere|quieres|quiero ir|irme|salir con el|ella',
  'que|q|k|pa|para salgamos',
  'salgamos juntos',
  'estar|estuviera|este|quedarme|dormir con =el',
  'soy|sea|seas|fuera|sere|ser =carinosa|=carinoso',
  'ser|sea|fuera su|la novia|mujer|amante|novio|querida',
  'su novia|amante',
  'ir|vaya|vayas|fuera|venga|valla|llevarme|llevar|lleva|llevo a ~ su casa|cuarto|carro|hotel|depa|departamento|cama',
  '=hotel|=motel',
  'a solas|solitas|solita',
  'lo|la espere|esperara|encuentre|vea ~ ~ salida|afuera|esquina|noche|parque',
  'si lo|la acompano|acompane|acompanara',
  'acompanarlo|acompanarla',
  'soy|sea|fuera|eres|seas buena|bonita|carinosa|amable|linda con el|ella|=el',
  'conocerme|verme|vernos|encontrarnos|conocernos en? privado|solos|solas|afuera',
  'conocerme|conocernos mejor',
  'pasar la noche con el|ella|=el',
  'dormir|duerma con el|ella|=el',
  'porta|portaba|portas|portes|portarme|portarte|portara|portaras|porto ~ bien|bonito|bonita|buena conmigo',
  ...exact([
    'go out with him|her|me',
    'date with him|her|me',
    'his|her place|room|car|house|hotel',
    'spend the night',
    'sleep|sleeping|slept with',
    'be his girlfriend',
    'be|was|am|were nice|good to him',
  ]),
];
/** "dormir con el bebé", "salir con el PTP", "pasar la noche con mis hijos": not a date. */
const NOT_A_DATE = ['bebe|nino|nina|ninos|ninas|hijo|hija|hijos|hijas|chamo|chamos|carnet|ptp|cpp|pasaporte|documento|documentos|dni|bono|kit|kits|voucher|permiso|carro|bus|perro|mis|mi|sus|los|las|resto|grupo|senor|papa|mama|esposo|marido'];
const PHOTO = exact(['foto|fotos|fotito|fotitos|fotico|foticos|selfie|selfies|video|videos|videito|videitos|videollamada|videollamda|photo|photos|pics|pictures|picture|pic']);
/** "fotos del DNI para inscribirme" are for registration. */
const DOC_CONTEXT = [
  SPANISH_DOCS,
  ENGLISH_DOCS,
  'inscribir*|inscripcion|registr*|ficha|formulario|expediente|tramite|solicitud|postula*|recibo|receta|partida|certificado|constancia|tamano|firma|contrato|casa|vivienda|cuarto',
  ...exact(['form|registration']),
];

// ---------------------------------------------------------------------------------------
// Sexual violence by anyone

const SEXUAL_VIOLENCE = [
  `${ME_OR_MI} ~ =violo|=violaron|=viola|=violan|=violaba|=violaban|=biolo|=biolaron|=violentaron|=violento|=violenta`,
  'intento|intentaron|quiso|quisieron|trato =violarme|=violarla|=violar|abusar',
  '=violada|=violador|=violadores|=violarme|=violarla|=violarnos|=violado|=biolada|=biolador',
  'fue|fui|sido|siendo|fueron =abusada|=abusado|=abusadas|=abusados|=abuzada|=violentada',
  '=violacion|=violaciones|=biolacion sexual|sexuales',
  'violencia|abuso|abusos sexual|sexuales',
  `${ABUSE} de ~ mi|mis|ella|nosotras|nosotros|nuestra|nuestro|nuestras|nuestros|hija|hijo|nina|nino`,
  `${ABUSE} sexualmente`,
  `${ME_OR_MI} ${ABUSE}`,
  '@TOUCH_STRONG',
  ...exact([
    'sexual assault|abuse|violence',
    'sexually assaulted|abused',
    'abused|abuses|abusing|molested|molesting|molests me|us|her|my|him',
    'rape|raped|raping|rapist|molested|molester|molestation',
  ]),
];
const HARASS = [`${ME_OR_MI} ~ =acosa|=acoza|=akosa|=acosan|=acosaba|=acosando|=acosaron|=hostiga|=hostigan`, '=acosador|=acosadora|=acosarme|=acosandome', ...exact(['harass*'])];
/** "acoso escolar", "me acosan con llamadas": school or debt collectors, not sexual violence. */
const SCHOOL_WORK = ['escolar|colegio|escuela|bullying|laboral|laboralmente|companeros|salon|clase|aula|cobrador|cobradores|telefono|llamadas', ...exact(['school|classmates'])];
const SEXUAL_DEMAND = [
  '=pide|=pidio|=pedia|=piden|=pidieron|=quiere|=kiere|=quieren|=exige|=exigio|=ofrece|=ofrecio|=ofrecieron|=propone|=propuso|=insiste ~ ~ =sexo|=relaciones|=acostarme|=acostarse|=acostarnos|=desnuda',
  // "me piden fotos íntimas": intimate images asked for, by anyone (with aid nearby: psea).
  '=pide|=pidio|=pedia|=piden|=pidieron|=pedian|=quiere|=quieren|=exige|=exigio|=exigen ~ ~ fotos|foto|fotitos|videos|video|=pack|=packs ~ intimas|intimos|intima|intimo|desnuda|desnudo|calata|calato|hot|sexys',
  ...exact(['asked|asks|wants|wanted|offered ~ ~ ~ sex|nudes']),
];

// ---------------------------------------------------------------------------------------
// Classes found missing in the first measured rounds (see README: Understanding)

/** Threats to set fire to the home, often with the family inside. */
/** Exact: "queda" is one letter from "quema", "centro" from "dentro". */
const BURN = ['=quema|=quemar|=quemara|=quemaran|=quemarnos|=quemarla|=queman|=quemo|=incendiar|=incendia|=incendiara', 'prender|prenderle|prende|meter|meterle candela|fuego', '=gasolina|=kerosene', ...exact(['burn|set fire|torch'])];
const HOME_OR_US = ['casa|cuarto|cuartito|vivienda|rancho|carpa|puerta|=jato|nosotros|=adentro|=dentro|familia|hijos|ninos', ...exact(['house|home|room|us|family|kids|inside'])];
/** A medical emergency happening now: someone who does not wake, breathe or respond. */
const NOT_RESPONDING = [
  'no despierta|reacciona|responde|respira',
  'no abre los ojos',
  'respira raro|mal|feo',
  'se esta|=ta poniendo morado|morada|azul', 'esta|=ta morado|morada',
  'convuls*|inconscien*|desmay*',
  // a seizure (found missing in round 11): Creole "fè kriz", eyes rolling, foam at the mouth
  '=fe|=gen|=pran kriz', 'je ~ ap vire', 'se le voltean|van los ojos', 'echando|bota|botando espuma', 'no puede|puedo respirar',
  // told as signs (found missing in round 12): "se puso tiesa", "se le voltearon los ojitos"
  'se le voltearon|volteaban|volteo|fueron|iban los ojos|ojitos|ojo', 'se le pusieron los ojos|ojitos en blanco', 'ojos|ojitos en blanco',
  'se puso|quedo tiesa|tieso|rigida|rigido', '=esta|=ta|=quedo tiesa|tieso|rigida|rigido',
  'olhos revirando|virando', 'ficou rigida|rigido', ...exact(['eyes rolling', 'eyes rolled back', 'went stiff|rigid']),
  'sangrando',
  'sangra mucho',
  // a birth at home with heavy bleeding (found missing in round 8)
  'bota|bote|pierde|perdiendo|echando|botando mucha sangre',
  'sangrando|perdendo muito ~ sangue',
  '=pedi|=pèdi|=senyen anpil ~ san?',
  '=trago|=tomo|=bebio ~ ~ veneno|cloro|lejia|pastillas|raticida|=racumin',
  'olor a gas',
  'nao acorda|respira|reage',
  'pa respire|reveye', 'pa ka respire', 'vin ble|vyolet',
  ...exact(['not breathing', 'bleeding a lot', 'bleeding heavily|badly', 'bleeding so much', 'losing a lot of blood', 'wont|doesnt|not wake|waking up', 'won|doesn t wake|waking up', 'unconscious|overdosed|seizure', 'bleeding ~ ~ much|alot|heavily|nonstop', 'wont|doesnt stop bleeding', 'won|doesn t stop bleeding']),
];
/** Farewells: the last message, goodbyes, entrusting the children. */
const FAREWELL = [
  'ultima|ultimo vez|mensaje ~ ~ escribo|escribe|les|mando',
  'me despido|despidi|despedi de ~ todos|ustedes|mis|mi',
  'despedirme de ~ todos|mis|mi',
  'cuiden|cuidenme|cuida a|de ~ mis|mi hijos|hijas|ninos|bebe|chamos',
  'ya saben xq|porque|pq',
  'ya saben por que|q',
  'me voy|irme|ire de|del este|esta mundo|vida',
  'dejar|dejo este mundo',
  'adios para siempre',
  'me despedi|despedi de todos',
  'cuidem dos|de meus|minha',
  'regale|regalando|regalar|regalo todas? mis|mi cosas|ropa|zapatos',
  'deje|dejando|dejo ~ ~ mi|el celular|telefono|cosas|ropa|carta a|para ~ mi',
  'carta|cartas|nota|notas de despedida|adios',
  // letters left for the children (found missing in round 9): "ya les escribí las cartas a mis hijos"
  '=escribi|=escribo|=escrito|=deje|=dejo|=hice ~ ~ carta|cartas|cartita|cartitas a|para ~ mis|mi|los hijos|hijas|hija|hijo|familia|mama|ninos|chamos',
  // everything put in order, and wanting someone to know (found missing in round 14)
  'deje|dejo todo ordenado|arreglado', 'solo queria|quiero que|q alguien supiera|sepa',
  // what one asks to be told to the children: "diles a mis hijos q los amé"
  'diles|dile|digan|digale|digales a ~ mis|mi hijos|hijas|hijo|hija|familia ~ ~ q|que los|las|lo|la ame|quise|perdonen',
  ...exact(['goodbye forever', 'take care of my kids|children|son|daughter', 'last message', 'goodbye letter|letters|note|notes', 'wrote|written|writing ~ ~ goodbye', 'tonight|today im done|gone', 'tonight|today i m|am done|gone', 'this is goodbye']),
];
/** A child taken away or out of reach now: "se lo llevó sin permiso", "celular apagado". */
const TAKEN_OR_SILENT = [
  'se lo|la|los|las llevo|llevaron|llevan',
  'se lo|la quiere|quieren llevar',
  'lo|la saca|sacan|sacara del pais',
  'celular|telefono apagado|apagada',
  'no contesta|contestan|responde',
  'no sabemos nada|donde',
  'se me|le perdio|perdieron',
  'la|lo|las|los =vendieron|=vendio',
  'sola|solo|solito|solita|solitos en|desde|llorando|encerrado|encerrada',
  ...exact(['alone since|crying', 'phone off', 'gone|missing|away|out|home since yesterday|last|this', 'back since']),
];
/** Money or a payment demanded for aid ("si no pagas no comes"): exploitation too. */
const PAYMENT = [
  '=cobra|=cobran|=cobro|=cobraron|=cobraba|=cobrando|=cobrar|=cuota|=coima|pagarle|pagale|=propina|=regalito|=comision|=porcentaje',
  'si no pagas|pagan|pago',
  'dar|darle|dale|entregar|entregarle la|una ~ mitad|parte',
  '=quita|=quitan|=quito|=descuenta|=descuentan parte|algo de ~ plata|dinero|bono|deposito',
  '=quita|=quitan|=quito|=descuenta|=descuentan la mitad',
  'debajo|bajo de? la mesa', 'pide|pidio|piden|pidieron|pedia ~ ~ plata|dinero|soles|lucas|luca|dolares|dolar|=usd|reales|pesos', ...exact(['charges|charged|charging|bribe', 'asked|asks|wants for? money'])];
/** Filming or watching while people bathe or change. */
const VOYEUR = [
  'se mete|metio|entra|entro al|a los? bano|banos|ducha|duchas|vestidor','graba|grababa|grabo|graban|mira|miraba|espia|espiaba|filma ~ ~ mientras|cuando ~ ~ bano|banamos|banan|bana|ducha|duchamos|cambiamos|cambio|cambian|desvisto'];
/** Portuguese and Haitian Creole words for aid and for a sexual demand. */
const PT_AID = ['cesta|cestas|doacao|doacoes|abrigo|kit|ajuda|auxilio', 'cesta basica', '=manje|=kat|=ed|=lajan|=ong|=abri'];
const PT_SEXUAL = [
  'transar|=ficar|=dormir|sair comigo', 'transar|=ficar|=dormir|sair com ele', 'me =tocou|=tocava', 'passou a mao',
  'legal|boazinha|carinhosa|boa com o|a chefe|coordenador|coordenadora|ele', '=fotos|=foto|=nudes sem|de roupa|calcinha', 'favores sexuais',
  '=domi|=dormi ave|avel|avek', 'fe bagay ave|avel|avek l|li?', '=fe =sex|=seks', '=touche m|mwen',
];
/** A debt for the journey or the food that holds people where they work: debt bondage. */
const BODY_DEBT = ['debo|debemos|debe|deben ~ ~ pasaje|viaje|comida|traslado', 'nadie puede|podemos irse|salir|irnos'];
/** The means at hand and ready: a sign of suicide preparations. */
const MEANS = ['soga|cuerda|pastillas|veneno|raticida|cuchillo|navaja|cuchilla|gillette|arma|pistola|=corda|remedios|comprimidos|=grenn|=kod|=kòd|pwazon'];
const READY = ['lista|listo|listas|listos|preparad*|=compre|=junte|juntando|guardando|escondidas|escondida|=pronta|=prontos|=comprei|=achte|=achete|=gentan'];
/** Pills or poison swallowed: "me tomé como 20 paracetamol". */
const INGESTED = [
  'tome|trague|tomo|tomamos|=tomou|trago|tomaron ~ ~ caja|frasco|blister|tira',
  'tome|trague|tomo|tomamos|=tomou|trago|tomaron|bebio|bebi ~ ~ pastillas|paracetamol|ibuprofeno|clonazepam|alprazolam|diazepam|tabletas|pildoras|comprimidos|raticida|veneno|cloro|lejia|=racumin|=remedios',
  ...exact(['took|swallowed|downed ~ ~ ~ ~ pills|tablets|paracetamol|poison|bleach']),
];
/** Taken away somewhere: "se llevó a mi hijo a su departamento", "took my son to his place". */
const TAKEN_AWAY = [
  'se ~ llevo|llevaron|llevaba', '=llevo|=llevaron a ~ su|sus casa|cuarto|departamento|depa|carro|auto|oficina|hotel',
  '=levou|=levaram', '=pran|=mennen', ...exact(['took|taken|drove ~ ~ ~ to his|her|their', 'took my|our|her|his', 'taken away']),
];
/** A child (or anyone) who swallowed or drank something dangerous, with words between: "se comió
 * unas bolitas de veneno", "se tragó una pila", "bebeu água sanitária" (found missing in rounds 10
 * and 11). Not pills: "me tomo la pastilla de la presión" is everyday; too many pills is OVERDOSE. */
const SWALLOWED = [
  '=comio|=trago|=tomo|=bebio|=chupo|=lamio|=engoliu|=engoli|=comeu|=bebeu|=vale|=bwe|=manje',
  ...exact(['swallowed|drank|ate|eaten|swallow']),
];
const HAZARD = [
  'veneno|raticida|matarratas|=racumin|lejia|cloro|detergente|=jabon|=pila|=pilas|bateria|baterias|=moneda|=iman|insecticida|pesticida|=kerosene|gasolina|=acido|=sanitaria|=soda',
  '=pwazon|=klorox|=pil|=batri',
  ...exact(['poison|bleach|battery|batteries|coin|magnet|detergent|soap|pesticide|cleaning']),
];
/** How many: all of them, the whole box, twenty ("me tomé todas las pastillas de la presión"). */
const OVERDOSE = [
  'todas|toda|todo|todos|entera|entero|enteras|completa|completo|=monton|=punado|=puñado', 'la|una|el|un caja|frasco|blister|tira|sobre',
  '=10|=12|=15|=20|=25|=30|=40|=50|=100|diez|quince|veinte|treinta', 'caixa|cartela inteira', '=tout grenn|bwat',
  ...exact(['all the|my|of|those', 'whole bottle|box|pack|strip']),
];
/** The body reacting now: the heart racing, blurred sight, not able to breathe, vomiting. */
const FELT_NOW = [
  'corazon ~ late|palpita|acelerado|acelera', 'veo|estoy viendo borroso|doble|nublado', 'no puedo respirar', 'mareada|mareado|mareo|mareos',
  'vomit*', 'me arde|quema el ~ estomago|garganta|pecho', 'me duele mucho el? estomago|pecho', 'no siento|se me duermen las? manos|piernas|brazos',
  'coracao|coração disparado|acelerado', 'vista embacada|embaçada', 'tonta|tonto|tontura', 'ke m|mwen ap bat', 'tet mwen|m ap vire',
  ...exact(['heart is? racing|pounding', 'cant breathe', 'can t breathe', 'blurry|dizzy|throwing up|vomiting']),
];
const PRESCRIBED = ['presion|azucar|diabetes|tiroides|receta|recetaron|recetadas|doctor|medico|vitaminas|anticonceptivas|dolor|gastritis|alergia|=diaria|=diarias'];

// ---------------------------------------------------------------------------------------
// Classes found missing in blind round 3: aid roles and acts in English, Portuguese and
// Haitian Creole, nakedness asked for, silence bought with the aid, debts paid with "services"

/** Aid-side people and places the lists above did not name, in es, en, pt and ht. */
const AID_ROLE = [
  'interprete|traductor|traductora|tradutor|tradutora|=tradikte|=entèprèt|=enteprèt',
  'chofer|chofe|motorista|conductor ~ ~ ong|ayuda|ajuda|organizacion|programa|acnur|oim',
  // the people who follow up a case (found missing in round 6): "el asistente de la psicóloga"
  '=psicologa|=psicologo|trabajadora|trabajador|asistenta|asistente social',
  'la|el =asistente|=promotora|=promotor|=facilitadora|=facilitador|=gestora|=gestor',
  'el|la|los|las del =bono|=bonos|=kit|=kits|reparto|comedor|albergue|registro|padron',
  'el|la|los|las de la|las|los canasta|canastas|carpa|olla|ayuda|lista|entrega|ong',
  'motorista|coordenador|coordenadora|=voluntario|=voluntaria|=funcionario|=funcionaria',
  'que|q anota|anotam os nomes',
  'hace|hacen|hacia|hizo las visitas|encuestas',
  'visitador|visitadora|evaluador|evaluadora',
  // health teams that bring care to migrants (found missing in round 13): "the nurse from the
  // mobile health team", "la de la brigada de salud", "a enfermeira do posto móvel"
  // (people, not places: "el posto de saúde atiende sin documento" is a question)
  'enfermera|enfermero|enfermeira|enfermeiro|=enfimye|=enfimyè', 'brigada de ~ salud|saude', 'agente de saude',
  ...exact(['nurse', 'health worker|brigade', 'mobile health team']),
  '=responsab|=gadyen|=enteprèt|=volontè|=volonte|=pwogram|=distribisyon',
  'moun|neg|nèg|fanm|msye ki bay',
  'moun ong',
  'senor|senora|senorita|hombre|tipo|muchacho|muchacha|chico|chica|joven de|del ~ =vales|=vale|=bono|=bonos|=kit|=kits|canasta|canastas|viveres|reparto|entrega|donaciones|tarjetas',
  'el|la q|que cuida|cuidaba|vigila en? la? noche|noches',
  'seguranca|vigia|vigilante|guarda|guardia do|da|de|del ~ abrigo|centro|deposito|albergue|acopio|reparto',
  ...exact(['interpreter|translator|driver|guard', 'night|shelter|camp staff', 'distribution point|site|center|centre', 'cash transfer|assistance|card', 'the lady|man|guy|woman who registers|hands']),
];
/** Nakedness asked for or shown: "sin ropa", "sem roupa", "san rad", "naked". */
const NAKED = [
  'sin ropa',
  'en ropa interior',
  'en calzones|tanga|brasier',
  '=desnuda|=desnudo|=desnudas|=desnudos|=calata|=calato|=calatas',
  'sem roupa',
  '=pelada|=pelado',
  'san rad',
  '=toutouni',
  ...exact(['naked|nude|nudes', 'no|without clothes', 'in underwear|lingerie']),
];
/** Speaking up, and losing the aid for it: "si hablo me sacan del programa", "si m pale l ap retire nou". */
const SPEAK_UP = [
  'si hablo|digo|cuento|denuncio|aviso|reclamo|hablamos|decimos',
  'si abro|abres|abra|abrimos|abre la boca',
  'nadie le|te|me|les|nos va|iba a creer',
  'se eu falar|contar|denunciar',
  'si m|nou pale|di|rakonte',
  ...exact(['if i|we tell|talk|speak|report|complain']),
];
const LOSE_AID = [
  'me|nos saca|sacan|sacara|sacaran|quita|quitan|quitara|quitaran|bota|botan|borra|borran ~ ~ lista|programa|bono|albergue|ayuda|cupo',
  'tira|tiram|corta|cortam ~ ~ programa|lista|ajuda|bonus|abrigo',
  'retire|wete nou|m|mwen|non',
  'mete m|nou|mwen deyo',
  'me|nos quedo|quedaria|quedaba|quedamos|quedas sin nada|ayuda|bono|cupo|lugar',
  'ap retire',
  ...exact(['cut|remove|kick|drop ~ ~ ~ program|list|aid|shelter|assistance|benefits']),
];
/** English, Portuguese and Creole acts the Spanish lists name: grabbing, asking out, favours, money. */
const ACT_ABROAD = [
  ...exact([
    'grab|grabbed|grabs|grabbing|pulled|pull|pulls|dragged|drags ~ ~ ~ girl|girls|woman|women|her|child|kid|boy',
    'asked|asks|asking me out',
    'in my|our favour|favor',
    'her|his|their fee|cut',
    'touched|touches|touching me|her|him',
    'touched|touches my|her body|breast|breasts|leg|legs|butt|private',
  ]),
  'pede|pedem|pediu|cobra|cobram ~ ~ metade|parte|dinheiro|taxa',
  'mande|mande m|mwen|nou lajan',
  '=manyen',
  'vin|ale kote l|li',
  'vin kote l aswe',
  'femen m|mwen|nou nan chanm|kay li',
];
/** Danger told in English, Portuguese and Creole in words the lists above lack. */
const DANGER_ABROAD = [
  ...exact([
    'banging|pounding|kicking on|at the|my door',
    'rope|pills|knife|gun is? ready',
    'have the rope|pills|knife',
    'breaking|break in|into',
    // found missing in round 8: the means bought, "done trying", a threat ending "or they shoot"
    'bought|got|buy the|a|some rope|pills|poison',
    'done trying|living',
    'shoot up|at',
    'or they|else ~ kill|shoot|burn|hurt',
    'trying to get|break|come in|into',
  ]),
  'pular|jogar da|de ponte|predio|janela|viaduto',
  'me jogar da|de|na',
  'engoliu|engoli|bebeu|tomou ~ ~ bateria|pilha|remedios|veneno|sanitaria|comprimidos|cloro',
  'ficou|ficaram com ~ ~ passaporte|passaportes|documentos|documento', 'pegou|pegaram|tomou|tomaram|tem|=guardou|=guardaram|=retem ~ ~ passaporte|passaportes|documentos|documento',
  'nao deixa|deixam ~ ~ sair',
  'trancad*|=trancaram|=trancou',
  'tocar|botar fogo',
  '=touye|=touyé m|mwen|nou|li|l|tèt',
  // someone forcing a way in now (found missing in round 8)
  'tentando|querendo|tratando entrar na|no|em ~ casa|quarto', 'forcando|forçando a|o ~ janela|porta|ventana|fechadura',
  '=boule kay|nou|lakay',
  'mete dife',
  'bwe|bwè|vale ~ ~ klorox|pwazon|grenn|medikaman|kloroks',
  'femen m|mwen|nou',
  'pa ka soti',
  'pa kite m|nou soti',
  'pran paspo|paspò|papye m|mwen',
  'poko tounen',
];
/** A body forced on someone: "se me tiró encima", "me arrinconó", "me besó a la fuerza". Only
 * with aid nearby: "mi perro se me tiró encima" is play. */
const ASSAULT = [
  'se me|le|nos tiro|tiraba|subio|subia|echo|echaba encima',
  'me|la|nos arrincono|arrinconaba|arrinconaron',
  'me|la beso|besaba a? la? fuerza', 'me|la quiso|quizo besar a? la? fuerza',
  'me|la quiso|intento besar',
  ...exact(['jumped|forced himself on me|her', 'cornered me|her', 'kissed me|her by force']),
];
/** A debt paid with "services", or work that turns into a debt: trafficking. */
const SERVICE_DEBT = ['pagar|pague|pagando ~ ~ deuda|deudas con|en servicios|favores|trabajo'];


// ---------------------------------------------------------------------------------------
// Classes found missing in blind round 4

/** Aid money skimmed: signing for more than was paid, "the rest is a commission". */
const SKIM = [
  'firmar|firme|firmamos|firmaron|firmo por|x',
  'el|lo resto|demas|diferencia ~ ~ ~ comision|para|pa|se',
  'se queda|quedaba|quedan|quedo|quedaron|quedaban con ~ ~ parte|resto|mitad|diferencia|vuelto',
  'assinar|assinei|assinamos por',
  'ficou|fica|ficam com ~ ~ resto|metade|parte|diferenca',
  'kenbe|pran rès|res|mwatye',
  ...exact(['signed|sign for', 'kept|keeps|keep|keeping the rest|difference|half']),
];
/** A proposal or an advance turned down (what follows is often losing the place or the aid). */
const REFUSED = [
  'no|nunca acepte|acepto|aceptaba|aceptamos|quise|quiso|accedi|accedio ~ a? lo|que|q ~ ~ propuso|propone|proponia|pidio|pide|pedia|ofrecio',
  'no|nunca acepte|acepto|quise|accedi|accedio a? su|sus|la|las propuesta|propuestas|proposicion|invitacion|invitaciones|insinuacion|insinuaciones',
  'rechace|rechazo|rechazaba|rechazamos su|sus|la|las propuesta|propuestas|proposicion|invitacion|invitaciones|insinuacion|insinuaciones',
  'por|x|xq|porque|pq no ~ querer|quise|quiero|acepte|aceptar|aceptaba salir|acostarme|ir|quedarme|dormir con|a el|ella|su',
  'se eu recusar', 'recusei',
  'nao aceitei|aceitar|quis a? proposta|convite',
  '=refize',
  ...exact(['refused|refuse|rejected|reject him|his|to', 'said no to him', 'turned him|his down']),
];
/** Payment asked in kind, told as innuendo: "todo tiene un precio", "y no hablaba de plata". */
const INNUENDO_PAY = [
  'todo|tudo tiene|tem un|um? precio|preco',
  'no|nao ~ hablaba|referia|era|falava|estaba de|a ~ plata|dinero|dinheiro|pago',
  'pagar|pague|pagarle|pagues|pagamos|pagaria de|con otra|otra forma|manera|cosa',
  'otro|otra tipo|clase|forma de pago',
  'en especie',
  'pagar|pagando de outro|outra jeito|forma',
  'peye ~ yon lot jan',
  // found missing in round 6: "la próxima me pagas tú", "un favor personal" with a wink, "if I'm nice to him"
  'la|el proxima|otra|despues|luego ~ me|lo =pagas|=pagaras|=pagues|=cobro',
  'le|les hago|hace|haga|hiciera|hacerle|hacerles un|unos|algun? favor|favorcito|favores personal|personales|especial|especiales|intimo',
  'guina|guino|guinaba|picaba|pico el? ojo|ojito',
  ...exact(['everything has a price', 'not talking about money', 'pay another|other way', 'pay in kind|other ways', 'nice|sweet|good|friendly to him|them', 'a personal favor|favour']),
];
/** Touched where one should not be: with aid staff PSEA, with anyone sexual violence. */
const WHERE_NOT = ['donde no ~ debia|debe|deberia|debio|tenia', 'partes intimas|privadas', 'mis|sus|las partes', ...exact(['where he shouldn t', 'where he shouldnt', 'private parts'])];
/** A child (or a relative young enough to be one) named in the message. */
const AGES = Array.from({ length: 17 }, (_, i) => `=${i + 1}`).join('|');
const MINOR = [
  'nina|nino|ninas|ninos|nena|nene|=menor|=menores|chiquita|chiquito|hija|hijo|hijas|hijos|sobrina|sobrino|nieta|nieto|hermanita|hermanito|ahijada|ahijado',
  `${AGES} anos|anitos|an|ans`,
  `de|tiene|tem|gen|tengo|tenia ${AGES}`,
  'filha|filho|menina|menino|crianca|criancas|sobrinha|neta',
  '=pitit|=timoun|=tifi|ti fi|ti gason',
  ...exact(['daughter|son|girl|boy|child|kid|kids|niece|nephew|minor|teen|teenager|granddaughter', `she|he s|is ${AGES}`, `${AGES} years|yrs|yr|year old?`]),
];
/** What a groomer does: messages, gifts, secrecy, being alone with the child, entering the room. */
const GROOM = [
  'manda|mandaba|mando|envia|enviaba|escribe|escribia mensajes|mensajitos|mensaje|fotos|audios|=whatsapp|=wsp',
  'le|les regala|regalaba|regalo|compra|compraba|ofrece|ofrecia|promete|prometio|manda|mandaba|mando|da|daba|dio ~ ~ saldo|chocolates|dulces|celular|ropa|regalos|regalitos|golosinas|plata|dinero',
  // found missing in round 6: private messages, "novios", meeting in secret
  'le|les escribe|escribia|escribio|habla|hablaba por|x|al ~ insta|instagram|face|facebook|tiktok|wsp|whatsapp|messenger|privado|interno',
  'son|eran|serian novios|enamorados',
  'sin decirle|decirles|contarle|contarles|avisarle|avisarles a? ~ nadie|mama|papa|mami|papi',
  'quedaron|quedo|quedamos en verse|encontrarse|salir|juntarse',
  'le|les guarda|guardaba ~ ~ aparte',
  'bonita|linda|hermosa|preciosa|guapa|bella',
  'quede|quedara|quedarse|quedo|queda|este|estar|estuviera a? solas|solo|sola con',
  'no le|les diga|digas|cuente|cuentes ~ ~ ~ nadie|mama|mami|papa|mamá',
  'entra|entraba|entro|mete|metia|metio ~ ~ ~ cuarto|bano|habitacion|dormitorio|ducha|carpa',
  'tocando|toca|tocaba la puerta del bano|cuarto',
  'mandando|manda|mandou mensagem|mensagens|fotos',
  'dar|da|deu|promete|prometeu|prometendo um? celular|presente|presentes|dinheiro',
  'nao contar|conta|contasse pra|para ~ mae|ninguem',
  'voye mesaj', 'pa di manman|papa|pèsonn|pesonn',
  ...exact(['texts|texting|messages|messaging|dms her|him', 'gives|gave|buys|bought her|him gifts|a phone|candy|presents', 'alone with him', 'not to tell', 'not tell me|anyone|her|his', 'meet|see him|her tonight|alone|secretly|after', 'a message|messages from']),
];
/** Taking someone to an office, a room or a car: "se llevó a una niña de 10 años pa su oficina". */
const TAKES_TO_ROOM = ['llevo|lleva|llevaba|llevan|llevaron|saca|saco|sacaba|llama|llamo|llame|llamaba|mete|metio ~ ~ ~ ~ ~ ~ a|al|pa|para|en su|sus oficina|cuarto|habitacion|carro|casa|carpa|depa|deposito|almacen'];
/** A meeting called at a hotel: "el licenciado de la organización me citó en un hotel". */
const HOTEL = [
  'cito|citaron|citaba|cita|invito|invitaron|invita|llevo|llevar|llevarme|lleve|vaya|fuera|vamos|verme|vernos|encontrarnos ~ ~ ~ =hotel|=hostal|=motel|=hospedaje',
  ...exact(['meet|meeting|invited|took|go ~ ~ ~ hotel|motel']),
];
/** A child gone with someone met online or offering work: recruitment for trafficking. */
const WENT_WITH = [
  'se fue|escapo|=fugo|largo con un|una ~ tipo|hombre|senor|chamo|muchacho|desconocido|senora|mujer|pata',
  'conocio|conocieron x|por|en ~ tiktok|facebook|internet|redes|instagram|whatsapp|juego',
];
/** Entering where people sleep or wash, at night or while they do. */
const ENTERS_ROOM = ['@INTRUDES', '@TAKES_TO_ROOM', 'entra|entraba|entro|entran|entraban|mete|metia|metio al|a|en ~ ~ cuarto|cuartos|habitacion|habitaciones|bano|banos|ducha|duchas|dormitorio|dormitorios|carpa|carpas'];
const NIGHT_OR_BATH = ['madrugada|noche|noches|durmiendo|duermen|banandose|banando|duchandose|cambiandose', ...exact(['night|sleeping|showering'])];
/** Someone waiting at the person's door or room, or following them, now. */
const LURKING = [
  'me|nos esta|estan esperando afuera|abajo|fuera|afueras',
  'esta|estan afuera|fuera de mi|nuestro|su cuarto|habitacion|carpa',
  'esta|estan tocando|golpeando la|mi puerta del bano|cuarto',
  'esperando la|ali fora', 'esta|ta na minha porta',
  'ap tann mwen|m deyò|deyo',
  // at the person's home now, asking for the child (found missing in round 8)
  'esta|estan|ta aqui|aca|afuera en ~ casa|puerta|cuarto', 'preguntando por ~ ella|el|hija|hijo|nina|nino|hermanita|hermanito',
  // following the person now (found missing in round 6)
  'me|nos persigue|persiguen|persiguio|siguio|siguieron',
  'me|nos esta|estan|viene|vienen siguiendo|persiguiendo',
  'ta|esta|estao|tá me|nos seguindo|perseguindo', 'ap swiv mwen|nou',
  // followed home, and there now (found missing in round 7, pt and ht)
  'me|nos seguiu|seguiram|perseguiu|seguia ate|até', '=swiv mwen|nou jouk|jis|rive', 'parado|parada|esperando aqui|ai|na frente|porta', 'devan pot|pòt|kay|lakay',
  ...exact(['outside my|our room|tent|door', 'at my|our door|room|tent right now', 'following|followed|follows me|us']),
];

// ---------------------------------------------------------------------------------------
// Classes found missing in blind round 7: suicide told through a place, a farewell or being a
// burden, with no word of self-harm; poisoning by fumes; a small child alone by a drop; a
// child taken on a trip alone by programme staff; shame after abuse

/** Being a burden, or missed by nobody: on its own a sign of suicidal thinking. */
const BURDEN = [
  'no|nao ~ quiero|quero|voy|vou|vo a? ser ~ una|un|um|mais|mas ~ carga|estorbo|problema|peso|fardo',
  'no|nao quiero|quero seguir siendo|sendo ~ una|un|um ~ carga|estorbo|problema|peso|fardo',
  'no|nao seré|sere|serei mas|mais ~ una|un|um ~ carga|estorbo|problema|peso|fardo',
  'nadie|ninguem|ninguém|naiden|pesonn|pèsonn ~ ~ ~ va|vai|pap|p ap a? extranar|sentir|notar|extraña|extrana|echar|remarke|santi mi|minha? falta|de menos',
  'ficam|ficariam|estan|estarian|quedan|viven melhor|mejor sin mim|mi',
  'pap|p ap yon chay',
  ...exact(['no longer a burden', 'be a burden', 'nobody will|would notice|care', 'better without me']),
];
/** Despair said quietly: "esto ya no tiene arreglo", "no me llamen", "a nadie le importa". */
const QUIET_DESPAIR = [
  // of life, not of a phone: "mi celular ya no tiene arreglo"
  'esto|mi vida|nada|todo ya? no|nao ~ tiene|tem arreglo|solucion|solucao|remedio|jeito|sentido',
  'ya no|nao tengo|tenemos ~ arreglo|solucion|solucao|remedio|jeito|salida',
  'no|nao me|nos busquen|llamen|procurem|liguem|busques|llames',
  'no|nao se|te ~ preocupen|preocupes|preocupem por|x|con mi',
  'a|pra nadie|ninguem le|les ~ importo|importa|importamos',
  'm|mwen pa ka|kapab|kab ankò|anko',
  'ya no|nao puedo|posso|aguento|aguanto mas|mais',
  'queria|quería|quise escribirle|hablar|despedirme|decirle a? alguien',
  ...exact(['dont|don t call|look for me', 'no one|nobody cares', 'cant do it|this anymore']),
];
/** The last word: "chau", "tchau", "adiós", "bye", "orevwa". */
const GOODBYE = ['=chau|=chao|=chaito|=adios|=tchau|=adeus|=orevwa|=babay|=bye|=byebye|=goodbye', 'hasta nunca|siempre', ...exact(['good bye'])];
/** A place to jump from. */
const HIGH_PLACE = [
  'puente|azotea|techo|terraza|terraco|terraço|acantilado|barranco|viaducto|cornisa|precipicio|malecon|=rieles|=laje|=pon|twati|=falez',
  'piso|pisos|andar|andares =5|=6|=7|=8|=9|=10|=11|=12|=15|=20|alto',
  ...exact(['roof|rooftop|bridge|ledge|cliff|overpass']),
];
/** Fumes in a closed room: a brazier or charcoal, and children who cannot be woken, dizzy or vomiting. */
const FUMES = ['brasero|=carbon|=brasa|=brasas|monoxido|=humo|=estufa|=generador|=fogon|=anafre|=lena|braseiro|=fumaca|=chabon|=lafimen', ...exact(['charcoal|brazier|fumes|smoke|generator|heater'])];
const FUME_SICK = [
  'vomit*|maread*|atontad*|desmay*|somnolient*|adormilad*|=mareos|=aturdidos',
  'no|nao se? ~ despierta|despiertan|despierto|acorda|acordam|reaccionan|reacciona',
  'dolor|dor de cabeza|cabeca',
  'despiertan|despierta mal|raro',
  ...exact(['vomiting|dizzy|drowsy|unconscious|wont wake|won t wake']),
];
/** Alone, of a child: "solito", "sozinho", "alone", "pou kont li". */
const ALONE = ['solo|sola|solito|solita|solos|solitos|sozinho|sozinha|=pou =kont li', ...exact(['alone|unattended', 'no adult|adults|one|parent'])];
/** Where a small child alone can fall or drown. */
const HAZARD_PLACE = ['balcon|ventana|azotea|techo|cornisa|piscina|=rio|=pista|carretera|avenida|varanda|janela|laje|=galri|=fenet', ...exact(['balcony|window|roof|ledge|pool|road|street|river'])];
const TODDLER = ['@MINOR', 'bebe|bebito|bebita|=guagua|=wawa|=nene|=nena', ...exact(['toddler|infant|baby'])];
/** A trip or an "event" away from home. */
const TRIP = ['viaje|viajar|viajan|paseo|excursion|evento|=pasaje|=pasajes|viagem|passeio|=vwayaj', 'a|pa|para lima|otra ciudad|provincia|fuera', 'otra|outra ciudad|cidade', ...exact(['trip|travel|event|excursion'])];
/** Just the two of them: "solo él y ella", "a solas", "sin nosotros". */
const JUST_THEM = ['solo|solos|solitos el y ella|ellos|yo', 'nosotros|los|nos dos', 'a solas', 'sin ~ nosotros|padres|mama|papa|mi|mis|familia|acompanante', 'so|somente eles|os dois', ...exact(['just the two|them', 'without us|me|her parents'])];
/** Shame after sexual abuse: "me siento sucia", "usada". */
const SOILED = ['me|m siento|senti|sinto|sentia ~ sucia|sucio|usada|usado|suja|sujo', ...exact(['feel|felt dirty|used'])];
/** Meetings and parcels are not confinement: "nos encierra en una reunión", "retenido en aduana". */
const MEETING = ['reunion|reuniones|junta|juntas|capacitacion|capacitaciones|=zoom|=meet|=llamada|aduana|aduanas|=almacen', ...exact(['meeting|meetings|call|customs'])];

// ---------------------------------------------------------------------------------------
// Classes found missing in blind round 9: an accident with someone badly hurt, a birth going
// wrong, letters left for the children, people held by smugglers, extortion of a stall

/** A fall or an accident: "se cayó del andamio", "lo atropellaron", "le dio corriente". */
const ACCIDENT = [
  'cayo|cayeron|caido|callo|=cai de|del|desde ~ ~ andamio|techo|escalera|arbol|edificio|piso|segundo|tercer|cuarto|muro|azotea|moto|obra|balcon|ventana',
  'atropell*|arroll*',
  'le|me dio|dieron corriente|descarga', 'electrocut*',
  'caiu|caíu do|da|de ~ andaime|telhado|escada|predio|laje|janela|sacada|varanda|segundo|terceiro|andar', 'tonbe sou|nan ~ echafo|twati|eskalye|fenet|balkon',
  ...exact(['fell off|from|down ~ ~ scaffold|scaffolding|roof|ladder|building|stairs|balcony', 'hit by a car|truck|bus', 'electrocuted']),
];
/** Badly hurt now: not moving, bleeding from the head, the head split. */
const HURT_BADLY = [
  'no se mueve|movia|levanta|para', 'no puede moverse|levantarse|pararse',
  'sale|saliendo|bota|botando|echa|echando|sangra sangre? de|por la? cabeza|oido|oidos|boca|nariz',
  'se ~ partio|rompio|abrio la cabeza', 'sangre|sangrando|=sangre', 'inconsciente|desmayad*',
  'nao se mexe|levanta', 'nao ta|esta respondendo|reagindo|acordando', 'sangue', 'pa ka leve', 'pa ap bouje', '=san',
  ...exact(['not|isnt moving', 'cant|cannot move', 'can t move', 'bleeding|blood']),
];
/** A birth starting or going wrong: waters broken, contractions close together, green fluid. */
const BIRTH_NOW = [
  'se ~ rompio|revento|rompe|reventó la? fuente|bolsa', 'rompi|rompio|reventé|revente fuente|bolsa',
  'contracciones|contraciones cada|seguidas|fuertes', 'liquido|agua ~ ~ verde|verdoso|oscuro',
  'bolsa estourou|rompeu', 'contracoes|contraçoes|contrações a? cada|fortes', 'dlo ~ kase|pete', 'tranche chak',
  ...exact(['water|waters broke|broken|breaking', 'contractions every|are|close', 'green fluid|water']),
];
/** Smugglers and the people who brought one: "los coyotes", "el que nos pasó la frontera". */
const SMUGGLER = [
  'coyote|coyotes|coiote|coiotes|=pollero|=polleros|trochero|trocheros|traficante|traficantes|tratante|tratantes',
  'los|el que|q nos|me paso|pasaron|trajo|trajeron', 'rakete|raketè', '=pasè|=pase moun',
  ...exact(['smuggler|smugglers|coyote|coyotes', 'the people|men|guys who brought|crossed us']),
];
/** Held, or asked for more money, by them: "nos tienen en una casa", "piden 800 dólares más". */
const HELD_FOR_MONEY = [
  'nos|me|los|las|la|lo|les tienen|tiene|retienen|retiene|guardan|encierran',
  'piden|pide|cobran|cobra|exigen|exige|quieren|quiere ~ ~ ~ mas|dolares|plata|rescate|soles',
  'nos ~ tem|mantem|prenderam', 'pedem|pede|querem mais|dinheiro|dolares',
  'kenbe nou|n|m', 'mande ~ lajan',
  ...exact(['keep|keeping|holding us|me', 'want|ask|asking ~ more money|dollars']),
];
/** Extortion of a stall or a shop: "me cobran cupo" (no article; "el cupo del albergue" is a place). */
const EXTORTION = ['cobran|cobra|cobro|cobrar|cobraron|cobrando|pagar|pago|piden =cupo|=cupos', '=gota a gota', '=vacuna|=vacunas a ~ mi|los|la|el =negocio|=puesto|=tienda|=bodega|=local|=comerciantes|=colectivos'];

export const DEFAULT_LEXICON: Lexicon = {
  concepts: {
    SELF_HARM, END_ALL, END_ALL_OBJECT, NOT_LIVE, LIVE_PLACE, GO_ON, GO_ON_DATE, DIE, DISAPPEAR, WANT,
    KILL_ANY, PEST_IDIOM, HIT_STRONG, PRONOUN, STUCK_ON, HIT_WEAK, HIT_EN, OBJECT_EN, WEAPON, THREAT, DANGER_NOW,
    WITHHOLD, DOCS, HAVE_TO, CANT_LEAVE, ABROAD, CANT_LEAVE_WEAK, EXPLOIT, FORCED, FORCED_WHAT, DECEIVED, RECRUITED, MISSING, RECORDS, RELATIVE, DEBT_BONDAGE, TRAFFICKING, CONFINE,
    PSEA_DIRECT, AID_PERSON, AID_ORG, AID_DELIVERY, AID_PLACE, AID_WHO, AID_CASH, AID_IN_KIND, AID_GOODS, AID, AID_NOT_CASH, TOUCH_STRONG, TOUCH_AMBIG, TURN, SOMEONE, CONDITION, SEXUAL, QUID, INTIMATE, SEXUAL_ADJ, EXCHANGE, PAY_INSTEAD, EXCHANGE_ASK, DATE, NOT_A_DATE, PHOTO, DOC_CONTEXT,
    SEXUAL_VIOLENCE, HARASS, SCHOOL_WORK, SEXUAL_DEMAND, INTRUDES, INTRUDER,
    BURN, HOME_OR_US, NOT_RESPONDING, FAREWELL, TAKEN_OR_SILENT, PAYMENT, VOYEUR, PT_AID, PT_SEXUAL, BODY_DEBT, MEANS, READY, INGESTED, PRESCRIBED,
    AID_ROLE, NAKED, SPEAK_UP, LOSE_AID, ACT_ABROAD, DANGER_ABROAD, SERVICE_DEBT, ASSAULT,
    HOTEL, WENT_WITH, TAKES_TO_ROOM, SKIM, REFUSED, INNUENDO_PAY, WHERE_NOT, MINOR, GROOM, ENTERS_ROOM, NIGHT_OR_BATH, LURKING,
    BURDEN, QUIET_DESPAIR, GOODBYE, HIGH_PLACE, FUMES, FUME_SICK, ALONE, HAZARD_PLACE, TODDLER, TRIP, JUST_THEM, SOILED, MEETING,
    ACCIDENT, HURT_BADLY, BIRTH_NOW, SMUGGLER, HELD_FOR_MONEY, EXTORTION, OVERDOSE, FELT_NOW, SWALLOWED, HAZARD, TAKEN_AWAY,
  },
  rules: [
    // Immediate danger: self-harm
    { tier: 'immediate-danger', all: ['SELF_HARM'], why: 'self-harm or suicide in so many words' },
    { tier: 'immediate-danger', all: ['END_ALL'], unless: ['END_ALL_OBJECT'], unlessWithin: 1, why: '"acabar con todo", but not "terminar con todo el trámite"' },
    { tier: 'immediate-danger', all: ['WANT', 'DIE'], within: 4, why: '"quiero morir", "ganas de morir", "morir quiero"' },
    { tier: 'immediate-danger', all: ['WANT', 'DISAPPEAR'], within: 4, why: '"quiero desaparecer" (even "…esta deuda": the safe reading wins)' },
    { tier: 'immediate-danger', all: ['NOT_LIVE'], unless: ['LIVE_PLACE'], unlessWithin: 1, why: '"no quiero vivir", but not "no quiero vivir en ese barrio"' },
    { tier: 'immediate-danger', all: ['GO_ON'], unless: ['GO_ON_DATE'], unlessWithin: 1, why: '"I can\'t go on", but not "I can\'t go on Monday"' },
    // Immediate danger: violence
    { tier: 'immediate-danger', all: ['KILL_ANY'], unless: ['PEST_IDIOM'], why: 'killing, said of anyone, except pests and idioms' },
    { tier: 'immediate-danger', all: ['HIT_STRONG'], why: 'beating, maltreatment, weapons used, domestic violence' },
    { tier: 'immediate-danger', all: ['PRONOUN', 'HIT_WEAK'], within: 4, ordered: true, unless: ['STUCK_ON'], unlessAfter: 'HIT_WEAK', unlessWithin: 1, why: '"me pega", "me está pegando", "la empuja"; not "me pegó la gripe"' },
    { tier: 'immediate-danger', all: ['HIT_EN', 'OBJECT_EN'], within: 3, ordered: true, why: '"he is hitting me", "hits my kids"' },
    { tier: 'immediate-danger', all: ['WEAPON'], why: 'a weapon is mentioned' },
    { tier: 'immediate-danger', all: ['THREAT'], why: 'being threatened' },
    { tier: 'immediate-danger', all: ['DANGER_NOW'], why: 'calls for help, danger, being followed' },
    // Immediate danger: trafficking and confinement
    { tier: 'immediate-danger', all: ['WITHHOLD', 'DOCS'], within: 6, unless: ['HAVE_TO'], unlessWithin: 1, why: 'documents taken or kept by someone: a trafficking sign; not "me tienen que dar el pasaporte"' },
    { tier: 'immediate-danger', all: ['CANT_LEAVE'], unless: ['ABROAD'], unlessWithin: 1, why: 'not allowed to leave; not "no me dejan salir del país" (a travel question)' },
    { tier: 'immediate-danger', all: ['CANT_LEAVE_WEAK', 'EXPLOIT'], within: 12, why: '"no puedo irme" with unpaid work, a boss or a debt' },
    { tier: 'immediate-danger', all: ['FORCED', 'FORCED_WHAT'], within: 5, why: 'forced work, begging, crime or prostitution' },
    { tier: 'immediate-danger', all: ['MISSING', 'RELATIVE'], within: 7, unless: ['RECORDS'], unlessWithin: 1, why: 'a child or relative missing; not "no aparece en el sistema"' },
    { tier: 'immediate-danger', all: ['DEBT_BONDAGE'], why: 'a debt for the journey, paid by working: debt bondage' },
    { tier: 'immediate-danger', all: ['DECEIVED', 'RECRUITED'], within: 6, why: '"me trajeron engañada para trabajar"' },
    { tier: 'immediate-danger', all: ['TRAFFICKING'], why: 'being sold, trafficking, slavery, extortion' },
    { tier: 'immediate-danger', all: ['CONFINE'], unless: ['MEETING'], unlessWithin: 4, why: 'locked in, kidnapped, trapped; not "nos encierra en una reunión"' },
    { tier: 'immediate-danger', all: ['BURN', 'HOME_OR_US'], within: 8, why: 'a threat to burn the home, or the family inside it' },
    { tier: 'immediate-danger', all: ['NOT_RESPONDING'], why: 'someone who does not wake, breathe or respond; poison or pills taken; gas' },
    { tier: 'immediate-danger', all: ['FAREWELL'], why: 'farewells and entrusting the children: a sign of suicide preparations' },
    { tier: 'immediate-danger', all: ['TAKEN_OR_SILENT', 'RELATIVE'], within: 12, why: 'a child taken, sold, alone or out of reach now' },
    { tier: 'immediate-danger', all: ['VOYEUR'], why: 'filmed or watched while bathing or changing' },
    { tier: 'immediate-danger', all: ['BODY_DEBT'], why: 'a debt for the journey or the food, or nobody allowed to leave: debt bondage' },
    { tier: 'immediate-danger', all: ['MEANS', 'READY'], within: 5, why: 'the means at hand and ready ("tengo la soga lista")' },
    { tier: 'immediate-danger', all: ['INGESTED'], unless: ['PRESCRIBED'], unlessWithin: 4, why: 'pills or poison swallowed; not "me tomé las pastillas de la presión"' },
    // PSEA
    { tier: 'psea', all: ['PSEA_DIRECT'], why: 'sexual exploitation or harassment named as such' },
    { tier: 'psea', all: ['AID_NOT_CASH', 'PAYMENT'], within: 10, why: 'money demanded for aid or a place on a list: exploitation, never an ordinary complaint' },
    { tier: 'psea', all: ['AID_WHO', 'VOYEUR'], within: 14, why: 'aid staff filming or watching people bathe' },
    { tier: 'psea', all: ['PT_AID', 'PT_SEXUAL'], within: 12, why: 'Portuguese or Creole: aid and a sexual demand or touching' },
    ...['CONFINE', 'CANT_LEAVE', 'THREAT', 'HIT_STRONG', 'KILL_ANY', 'TRAFFICKING', 'MISSING'].map((danger) => ({ tier: 'psea' as const, all: ['AID_WHO', danger], within: 20, why: `aid staff and ${danger}: danger from the aid side is PSEA too` })),
    { tier: 'psea', all: ['PHOTO', 'AID', 'CONDITION'], within: 14, why: '"si no les mando un video no me pagan la cuota"' },
    { tier: 'psea', all: ['AID_WHO', 'WITHHOLD', 'DOCS'], within: 20, why: 'aid staff keeping documents' },
    { tier: 'psea', all: ['AID_WHO', 'FORCED', 'FORCED_WHAT'], within: 20, why: 'aid staff forcing work or sex' },
    { tier: 'psea', all: ['AID_WHO', 'PT_SEXUAL'], within: 12, why: 'Portuguese: aid staff and a sexual demand or touching' },
    { tier: 'psea', all: ['AID_WHO', 'SEXUAL'], within: 12, why: 'someone delivering aid, and sex' },
    { tier: 'psea', all: ['AID_GOODS', 'SEXUAL'], within: 5, why: '"comida por sexo"; close together, so "mi esposo me viola y no me da comida" stays danger' },
    { tier: 'psea', all: ['QUID', 'CONDITION', 'INTIMATE'], within: 12, unless: ['SEXUAL_ADJ'], unlessWithin: 1, why: '"la ayuda me la dan solo si me acuesto con él", "me prometió trabajo si salía con él": sexual exploitation' },
    { tier: 'psea', all: ['AID', 'EXCHANGE'], within: 12, why: 'aid "a cambio", "favores" (money too: the safe reading)' },
    { tier: 'psea', all: ['SEXUAL', 'EXCHANGE'], within: 10, why: 'sex in exchange for anything' },
    { tier: 'psea', all: ['SEXUAL', 'PAY_INSTEAD'], within: 10, why: '"sexo para no pagar el alquiler"' },
    { tier: 'psea', all: ['DATE', 'AID'], within: 12, unless: ['NOT_A_DATE'], unlessWithin: 1, why: '"que salga con él para darme la ayuda", but not "dormir con el bebé en el albergue"' },
    { tier: 'psea', all: ['EXCHANGE_ASK'], why: '"me pide cosas a cambio" even without saying who' },
    { tier: 'psea', all: ['PHOTO', 'AID_WHO'], within: 12, unless: ['DOC_CONTEXT'], why: '"el de la ONG me pidió fotos", but not "fotos del DNI"' },
    { tier: 'psea', all: ['SEXUAL_DEMAND', 'AID'], within: 12, why: '"me piden fotos íntimas para darme la ayuda": a sexual demand with aid at stake' },
    { tier: 'psea', all: ['TOUCH_AMBIG', 'AID_WHO'], within: 8, unless: ['TURN'], unlessWithin: 1, why: '"el voluntario me tocó", but not "me tocó el bono"' },
    // Classes found missing in blind round 3
    { tier: 'immediate-danger', all: ['DANGER_ABROAD'], why: 'danger in English, Portuguese or Creole: a door being banged, the means ready, jumping, swallowed, papers kept, fire, locked in' },
    { tier: 'immediate-danger', all: ['SERVICE_DEBT'], why: 'a debt paid with "services": trafficking' },
    { tier: 'psea', all: ['AID_WHO', 'DANGER_ABROAD'], within: 20, why: 'aid staff and danger (en, pt, ht): PSEA too' },
    { tier: 'psea', all: ['PHOTO', 'NAKED'], within: 14, why: 'naked photos or videos asked for (to "verify", for the aid): the sealed route' },
    { tier: 'psea', all: ['AID_WHO', 'NAKED'], within: 14, why: 'aid staff and nakedness' },
    { tier: 'psea', all: ['SPEAK_UP', 'LOSE_AID'], within: 12, why: 'silence bought with the aid: "si hablo me sacan del programa"' },
    { tier: 'psea', all: ['AID_WHO', 'ACT_ABROAD'], within: 16, why: 'aid staff and grabbing, asking out, favours, money or touching (en, pt, ht)' },
    { tier: 'psea', all: ['AID', 'ASSAULT'], within: 20, why: 'aid staff (or the aid at stake) and a body forced on someone' },
    { tier: 'psea', all: ['PT_AID', 'ACT_ABROAD'], within: 16, why: 'Creole or Portuguese: aid and a demand for money, touching or coming to his place' },
    // Classes found missing in blind round 4
    { tier: 'immediate-danger', all: ['AID_WHO', 'MINOR', 'GROOM'], within: 24, why: 'aid staff grooming a child (messages, gifts, secrecy, alone with him): PSEA and a child at risk' },
    ...(['immediate-danger', 'psea'] as const).flatMap((tier) => ['TOUCH_AMBIG', 'ACT_ABROAD', 'SEXUAL', 'SEXUAL_VIOLENCE'].map((act) => ({ tier, all: ['AID_WHO', 'MINOR', act], within: 20, why: `aid staff and a child, and ${act}: PSEA and a child at risk` }))),
    { tier: 'immediate-danger', all: ['AID_WHO', 'ENTERS_ROOM', 'NIGHT_OR_BATH'], within: 20, why: 'aid staff entering where people sleep or wash, at night or while they do' },
    { tier: 'immediate-danger', all: ['AID_WHO', 'MINOR', 'TAKES_TO_ROOM'], within: 24, why: 'aid staff taking a child to an office, a room or a car' },
    { tier: 'immediate-danger', all: ['AID_WHO', 'LURKING'], within: 20, why: 'the aid worker waiting at the door or the room now' },
    { tier: 'psea', all: ['AID_WHO', 'HOTEL'], within: 20, why: 'aid staff calling someone to meet at a hotel' },
    { tier: 'immediate-danger', all: ['MINOR', 'WENT_WITH'], within: 14, why: 'a child gone with a stranger or someone met online: recruitment' },
    { tier: 'psea', all: ['AID_WHO', 'MINOR', 'GROOM'], within: 24, why: 'aid staff grooming a child' },
    { tier: 'psea', all: ['AID_WHO', 'ENTERS_ROOM', 'NIGHT_OR_BATH'], within: 20, why: 'aid staff entering where people sleep or wash' },
    { tier: 'psea', all: ['AID_WHO', 'MINOR', 'TAKES_TO_ROOM'], within: 24, why: 'aid staff taking a child to an office, a room or a car' },
    { tier: 'psea', all: ['AID_WHO', 'LURKING'], within: 20, why: 'the aid worker waiting at the door: asked about in the sealed route' },
    { tier: 'psea', all: ['AID', 'SKIM'], within: 20, why: 'aid money skimmed ("firmé por 500, me dieron 300"): exploitation, never an ordinary complaint' },
    { tier: 'psea', all: ['AID_WHO', 'REFUSED'], within: 20, why: 'a proposal refused, and the aid worker or the place at stake' },
    { tier: 'psea', all: ['PT_AID', 'REFUSED'], within: 20, why: 'Creole or Portuguese: a proposal refused, and the aid at stake' },
    { tier: 'psea', all: ['AID', 'INNUENDO_PAY'], within: 24, why: '"todo tiene un precio", "y no hablaba de plata": payment in kind for aid' },
    { tier: 'psea', all: ['AID_WHO', 'TOUCH_AMBIG', 'WHERE_NOT'], within: 20, why: 'aid staff touching where they should not' },
    { tier: 'sexual-violence', all: ['TOUCH_AMBIG', 'WHERE_NOT'], within: 5, why: '"me tocó donde no debía"' },
    // Classes found missing in blind round 7
    { tier: 'immediate-danger', all: ['BURDEN'], why: 'being a burden, or missed by nobody: suicidal thinking' },
    { tier: 'immediate-danger', all: ['QUIET_DESPAIR', 'GOODBYE'], within: 24, why: 'despair and a goodbye ("no se preocupen por mí. chau")' },
    ...['QUIET_DESPAIR', 'GOODBYE', 'BURDEN'].map((sign) => ({ tier: 'immediate-danger' as const, all: ['HIGH_PLACE', sign], within: 24, why: `a place to jump from, and ${sign}` })),
    { tier: 'immediate-danger', all: ['FUMES', 'FUME_SICK'], within: 20, why: 'fumes in a closed room and people dizzy, vomiting or not waking: carbon monoxide' },
    { tier: 'immediate-danger', all: ['TODDLER', 'ALONE', 'HAZARD_PLACE'], within: 14, why: 'a small child alone by a balcony, a window, water or a road' },
    ...(['immediate-danger', 'psea'] as const).map((tier) => ({ tier, all: ['AID_WHO', 'MINOR', 'TRIP', 'JUST_THEM'], within: 30, why: 'aid staff taking a child on a trip alone' })),
    { tier: 'psea', all: ['AID', 'SOILED'], within: 30, why: 'the aid, and shame after abuse ("me siento sucia")' },
    // Classes found missing in blind round 9
    { tier: 'immediate-danger', all: ['ACCIDENT', 'HURT_BADLY'], within: 24, now: true, why: 'a fall or an accident, and someone not moving or bleeding now' },
    { tier: 'immediate-danger', all: ['BIRTH_NOW'], now: true, why: 'a birth starting or going wrong: waters broken, contractions, green fluid' },
    { tier: 'immediate-danger', all: ['SMUGGLER', 'HELD_FOR_MONEY'], within: 20, now: true, why: 'people held by smugglers, or asked for more money by them' },
    { tier: 'immediate-danger', all: ['EXTORTION'], why: 'extortion of a stall, a shop or a debtor' },
    { tier: 'immediate-danger', all: ['INGESTED', 'OVERDOSE'], within: 6, now: true, why: 'all the pills, the whole box: an overdose even of everyday medicine' },
    { tier: 'immediate-danger', all: ['INGESTED', 'FELT_NOW'], within: 24, now: true, why: 'pills taken and the body reacting now ("el corazón me late rarísimo")' },
    // Classes found missing in blind round 11
    { tier: 'immediate-danger', all: ['SWALLOWED', 'HAZARD'], within: 6, ordered: true, now: true, why: 'something dangerous swallowed or drunk: poison, bleach, a battery, a coin' },
    { tier: 'immediate-danger', all: ['THREAT', 'RELATIVE'], within: 24, now: true, why: 'a threat against one\'s child or family: an emergency, even told inside a question about reporting' },
    // Classes found missing in blind round 12
    ...(['immediate-danger', 'psea'] as const).flatMap((tier) =>
      ['MINOR', 'RELATIVE'].map((who) => ({ tier, all: ['AID_WHO', 'TAKEN_AWAY', who], within: 20, why: 'aid staff who took a child away, to their place or their car' })),
    ),
    // Sexual violence by anyone else
    { tier: 'sexual-violence', all: ['SEXUAL_VIOLENCE'], why: 'rape, sexual abuse, groping' },
    { tier: 'sexual-violence', all: ['HARASS'], unless: ['SCHOOL_WORK'], why: '"me acosa", but not "acoso escolar"' },
    { tier: 'sexual-violence', all: ['FORCED', 'SEXUAL'], within: 5, why: 'forced sex' },
    { tier: 'sexual-violence', all: ['TOUCH_AMBIG', 'SOMEONE'], within: 6, unless: ['TURN'], unlessWithin: 1, why: '"un hombre me tocó en el bus"' },
    { tier: 'sexual-violence', all: ['INTRUDES', 'INTRUDER'], within: 8, why: '"mi padrastro se mete a mi cuarto de noche"' },
    { tier: 'sexual-violence', all: ['SEXUAL_DEMAND'], why: '"me pide sexo": pressure for sex' },
  ],
  // Everyday words one typo away from a lexicon word (found by checking the lexicon against
  // Debian's wspanish and wamerican word lists): "fideos" from a food kit is not "videos".
  notTypos: ['fideo', 'fideos', 'cuanto', 'posta', 'carta', 'caro', 'menos', 'martes', 'personas', 'duda', 'dudas', 'poliza', 'vencida', 'vencido', 'resolver', 'atrasada', 'atrasado', 'ahorrado', 'acusa', 'acuso', 'aviso', 'pesar', 'textualmente', 'enterada', 'funcion'],
};
