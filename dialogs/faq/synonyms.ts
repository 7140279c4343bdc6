/**
 * Word tables for FAQ matching: colloquial/regional words mapped to the words answers use, and
 * stop words. Everything here is written in `normalize`d form (lower case, no accents, ñ → n).
 *
 * Synonyms are applied to BOTH the indexed answers and the query, so a class maps every
 * member to the same replacement: "chamo", "hijos" and "niños" all become "nino" wherever
 * they appear, and it does not matter which side used which word. A replacement may be several
 * words ("posta" → "centro salud"). Keep classes tight: a word that belongs to two meanings
 * ("pega": job in Chile, hits in "me pega") is better left out than mapped wrongly.
 */

import { LANGUAGES, type Lang } from '../../src/core/domain.ts';

/** [replacement, members]. Members include plural and gender variants (lookup also tries the
 * word without a final "s"/"es"). */
type SynonymClass = readonly [string, readonly string[]];

const ES_CLASSES: readonly SynonymClass[] = [
  // Children. Venezuelan chamo/chama/carajito, Peruvian chibolo/guagua, general nene/bebé.
  [
    'nino',
    [
      'nino', 'nina', 'ninos', 'ninas', 'hijo', 'hija', 'hijos', 'hijas', 'hijito', 'hijita',
      'chamo', 'chama', 'chamos', 'chamas', 'chamito', 'chamita', 'chamitos', 'chamitas',
      'carajito', 'carajita', 'carajitos', 'carajitas', 'chibolo', 'chibola', 'chibolos',
      'nene', 'nena', 'nenes', 'bebe', 'bebes', 'bebito', 'bebita', 'guagua', 'guaguas',
      'menor', 'menores', 'muchacho', 'muchacha', 'pelao', 'pelaos', 'criatura',
    ],
  ],
  // Work. Peruvian chamba/chambear, Venezuelan camello/chamba, Southern Cone laburo.
  [
    'trabajo',
    [
      'trabajo', 'trabajos', 'trabajar', 'chamba', 'chambas', 'chambear', 'chambeo', 'chambeando',
      'camello', 'camellar', 'laburo', 'empleo', 'empleos', 'jale',
    ],
  ],
  [
    'empleador',
    ['empleador', 'empleadora', 'jefe', 'jefa', 'patron', 'patrona', 'patrones', 'empresa'],
  ],
  [
    'sueldo',
    ['sueldo', 'sueldos', 'salario', 'salarios', 'pagan', 'pagaron', 'pagado', 'remuneracion', 'quincena'],
  ],
  // Health places.
  ['centro salud', ['posta', 'postas', 'postita', 'policlinico', 'consultorio', 'ambulatorio']],
  ['medico', ['medico', 'medica', 'medicos', 'doctor', 'doctora', 'doctores', 'dotor']],
  [
    'embarazo',
    ['embarazo', 'embarazada', 'embarazadas', 'embarazos', 'prenada', 'encinta', 'gestante', 'gestantes', 'gestacion', 'barriga'],
  ],
  // A person with a condition, said of them ("es diabética", "mi papá es hipertenso"): the
  // condition's name, as the answers write it (found missing in rounds 11 to 13).
  ['diabetes', ['diabetes', 'diabetica', 'diabetico', 'diabeticas', 'diabeticos']],
  ['hipertension', ['hipertension', 'hipertensa', 'hipertenso', 'hipertensas', 'hipertensos']],
  ['asma', ['asma', 'asmatica', 'asmatico', 'asmaticos']],
  ['epilepsia', ['epilepsia', 'epileptica', 'epileptico', 'convulsiones']],
  ['vih', ['vih', 'sida', 'seropositiva', 'seropositivo']],
  ['vacuna', ['vacuna', 'vacunas', 'vacunar', 'vacunacion', 'vacunarlo', 'vacunarla', 'vacunarlos', 'inyeccion', 'dosis']],
  ['medicina', ['medicina', 'medicinas', 'medicamento', 'medicamentos', 'remedio', 'remedios', 'pastillas']],
  // School.
  ['colegio', ['colegio', 'colegios', 'cole', 'coles', 'escuela', 'escuelas', 'liceo', 'primaria', 'secundaria', 'inicial']],
  ['matricula', ['matricula', 'matriculas', 'matricular', 'matricularlo', 'matricularla', 'matricularlos', 'inscribir', 'inscripcion', 'inscribirlo', 'vacante', 'vacantes']],
  // Documents and procedures.
  ['documento', ['documento', 'documentos', 'papel', 'papeles', 'papeleria', 'docs']],
  ['carnet', ['carnet', 'carne', 'carnes', 'carnets', 'carnecito']],
  ['cita', ['cita', 'citas', 'turno', 'turnos', 'reserva']],
  ['migraciones', ['migraciones', 'migracion', 'migra']],
  ['refugio', ['refugio', 'refugiado', 'refugiada', 'refugiados', 'refugiadas', 'asilo', 'asilado', 'asilada']],
  ['regularizar', ['regularizar', 'regularizarme', 'regularizacion', 'legalizar', 'legalizarme', 'legal', 'ilegal', 'irregular', 'indocumentado', 'indocumentada']],
  ['pasaporte', ['pasaporte', 'pasaportes', 'pasapote', 'paporte']],
  ['cedula', ['cedula', 'cedulas', 'dni', 'identidad']],
  // Money and help.
  ['gratis', ['gratis', 'gratuito', 'gratuita', 'gratuitos', 'gratuitas', 'gratuitamente', 'free']],
  ['dinero', ['dinero', 'plata', 'platica', 'lucas', 'billete', 'efectivo', 'reales', 'soles']],
  ['comida', ['comida', 'comidas', 'alimento', 'alimentos', 'alimentacion', 'viveres', 'canasta', 'canastas', 'hambre', 'comer', 'jama']],
  // Housing. "casa" is mapped so it cannot collide with "caso" once stemmed.
  ['vivienda', ['vivienda', 'viviendas', 'casa', 'casas', 'jato', 'hogar', 'cuarto', 'cuartito', 'habitacion', 'pieza', 'depa', 'departamento', 'apartamento']],
  ['alquiler', ['alquiler', 'alquileres', 'alquilar', 'alquilo', 'alquila', 'arriendo', 'arrendar', 'renta', 'rentar']],
  ['propietario', ['propietario', 'propietaria', 'dueno', 'duena', 'arrendador', 'arrendadora', 'casero', 'casera']],
  ['desalojo', ['desalojo', 'desalojar', 'desalojan', 'desalojaron', 'desalojarnos', 'desalojarme', 'lanzamiento']],
  ['albergue', ['albergue', 'albergues', 'alojamiento', 'hospedaje', 'refugio temporal']],
  // Violence and safety.
  ['violencia', ['violencia', 'maltrato', 'maltrata', 'maltratan', 'maltratar', 'golpe', 'golpes', 'golpea', 'golpean', 'golpear', 'golpeo', 'agresion', 'agrede', 'abusa', 'abuso', 'abusos']],
  ['pareja', ['pareja', 'esposo', 'esposa', 'marido', 'novio', 'novia', 'conviviente', 'concubino']],
  ['policia', ['policia', 'policias', 'tombo', 'tombos', 'paco', 'pacos', 'comisaria', 'comisarias', 'pnp']],
  ['deportar', ['deportar', 'deporten', 'deportan', 'deportacion', 'deportado', 'deportada', 'expulsar', 'expulsen', 'expulsion', 'boten del pais']],
  ['robar', ['robar', 'robaron', 'robo', 'roba', 'robado', 'robada', 'robados', 'hurto', 'asaltaron', 'asalto', 'quitaron', 'quitado']],
  ['perder', ['perder', 'perdi', 'perdio', 'perdimos', 'perdido', 'perdida', 'perdidos', 'extravie', 'extraviado', 'extraviada']],
  // Spelling of very common everyday abbreviations that would otherwise be content words.
  ['para', ['pa', 'pal', 'pra']],
  ['que', ['q', 'k', 'ke', 'qe']],
  ['porque', ['xq', 'pq', 'porq', 'xk']],
  ['por', ['x']],
  ['tambien', ['tb', 'tmb', 'tbn']],
];

const EN_CLASSES: readonly SynonymClass[] = [
  ['child', ['child', 'children', 'kid', 'kids', 'son', 'sons', 'daughter', 'daughters', 'baby', 'babies', 'toddler', 'minor', 'minors', 'childs']],
  ['job', ['job', 'jobs', 'work', 'works', 'working', 'worker', 'workers', 'employment', 'gig', 'gigs']],
  ['employer', ['employer', 'employers', 'boss', 'bosses', 'company']],
  ['wage', ['wage', 'wages', 'salary', 'salaries', 'pay', 'paid', 'paying', 'payment', 'paycheck']],
  ['clinic', ['clinic', 'clinics', 'health centre', 'health center', 'healthcentre', 'healthcenter', 'hospital', 'hospitals']],
  ['doctor', ['doctor', 'doctors', 'doc', 'physician', 'gp', 'nurse']],
  ['pregnant', ['pregnant', 'pregnancy', 'prenatal', 'antenatal', 'expecting']],
  ['vaccine', ['vaccine', 'vaccines', 'vaccination', 'vaccinations', 'vaccinate', 'vaccinated', 'shot', 'shots', 'jab', 'jabs', 'immunisation', 'immunization']],
  ['medicine', ['medicine', 'medicines', 'medication', 'medications', 'meds', 'pills', 'drugs']],
  ['school', ['school', 'schools', 'schooling', 'kindergarten', 'primary', 'secondary']],
  ['enrol', ['enrol', 'enroll', 'enrolment', 'enrollment', 'enrolling', 'register', 'registration', 'sign up', 'signup']],
  ['document', ['document', 'documents', 'papers', 'paperwork', 'docs', 'id']],
  ['appointment', ['appointment', 'appointments', 'appt', 'booking', 'slot']],
  ['migraciones', ['migraciones', 'migration', 'immigration', 'immigrations']],
  ['refugee', ['refugee', 'refugees', 'asylum', 'asylee']],
  ['regularize', ['regularize', 'regularise', 'regularization', 'regularisation', 'legal', 'illegal', 'irregular', 'undocumented', 'status']],
  ['free', ['free', 'gratis', 'freely', 'costless']],
  ['money', ['money', 'cash', 'dollars', 'soles', 'funds']],
  ['food', ['food', 'foods', 'meal', 'meals', 'groceries', 'hungry', 'hunger', 'eat']],
  ['housing', ['housing', 'house', 'home', 'apartment', 'flat', 'room', 'accommodation']],
  ['rent', ['rent', 'rents', 'renting', 'rented', 'rental', 'lease', 'tenancy']],
  ['landlord', ['landlord', 'landlady', 'owner', 'landlords']],
  ['evict', ['evict', 'evicted', 'eviction', 'evicting', 'kick', 'kicking', 'kicked out', 'kick out', 'throw out', 'thrown out']],
  ['shelter', ['shelter', 'shelters', 'hostel', 'homeless']],
  ['violence', ['violence', 'abuse', 'abused', 'abusive', 'beat', 'beats', 'beaten', 'hit', 'hits', 'assault']],
  ['partner', ['partner', 'husband', 'wife', 'boyfriend', 'girlfriend', 'spouse']],
  ['police', ['police', 'cops', 'cop', 'officer', 'station']],
  ['deport', ['deport', 'deported', 'deportation', 'expel', 'expelled', 'expulsion']],
  ['steal', ['steal', 'stole', 'stolen', 'robbed', 'robbery', 'theft', 'mugged']],
  ['lose', ['lose', 'lost', 'losing', 'misplaced']],
  ['search', ['search', 'searching', 'look', 'looking', 'find', 'finding', 'seek', 'seeking', 'hunt', 'hunting']],
  ['you', ['u', 'ya']],
  ['please', ['pls', 'plz']],
];

/**
 * Stop words: words that say nothing about WHICH answer is wanted. Besides grammar words this
 * includes greetings, politeness, filler verbs ("quiero", "necesito", "tengo") and generic
 * request words ("ayuda", "informacion"), so "hola necesito ayuda" matches nothing and the
 * dialog asks instead of guessing. Misspelt forms are caught after phonetic folding too.
 */
const ES_STOP = [
  // articles, prepositions, conjunctions, pronouns
  'a', 'al', 'ante', 'bajo', 'con', 'contra', 'de', 'del', 'desde', 'en', 'entre', 'hacia', 'hasta', 'para', 'por',
  'segun', 'sin', 'so', 'sobre', 'tras', 'el', 'la', 'los', 'las', 'lo', 'le', 'les', 'un', 'una', 'unos', 'unas',
  'y', 'e', 'o', 'u', 'ni', 'que', 'pero', 'sino', 'porque', 'pues', 'si', 'no', 'ya', 'tambien', 'tampoco',
  'yo', 'tu', 'usted', 'ustedes', 'el', 'ella', 'ellos', 'ellas', 'nosotros', 'nosotras', 'vos', 'me', 'te', 'se',
  'nos', 'mi', 'mis', 'su', 'sus', 'tus', 'nuestro', 'nuestra', 'nuestros', 'nuestras', 'mio', 'mia',
  'este', 'esta', 'esto', 'estos', 'estas', 'ese', 'esa', 'eso', 'esos', 'esas', 'aquel', 'aquella', 'aqui', 'ahi', 'alla', 'aca',
  'como', 'cuando', 'donde', 'adonde', 'cual', 'cuales', 'quien', 'quienes', 'cuanto', 'cuanta', 'cuantos', 'cuantas',
  'algo', 'alguien', 'alguno', 'alguna', 'algun', 'nada', 'nadie', 'todo', 'toda', 'todos', 'todas', 'otro', 'otra', 'otros',
  'mas', 'menos', 'muy', 'mucho', 'mucha', 'muchos', 'muchas', 'poco', 'poca', 'tan', 'tanto', 'bien', 'mal', 'asi',
  'ahora', 'hoy', 'ayer', 'manana', 'siempre', 'nunca', 'todavia', 'aun', 'luego', 'despues', 'antes',
  'vez', 'veces', 'dia', 'dias', 'mes', 'meses', 'ano', 'anos', 'semana', 'semanas', 'hora', 'tiempo',
  'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'primero', 'segundo',
  // auxiliary and filler verbs
  'es', 'son', 'ser', 'soy', 'eres', 'era', 'fue', 'sea', 'sido', 'estar', 'estoy', 'estas', 'esta', 'estamos', 'estan', 'estaba',
  'he', 'ha', 'has', 'han', 'hemos', 'habia', 'hay', 'haber', 'tener', 'tengo', 'tiene', 'tienes', 'tenemos', 'tienen', 'tenia',
  'hacer', 'hago', 'hace', 'hacen', 'hizo', 'haga', 'puedo', 'puede', 'pueden', 'podemos', 'poder', 'podria', 'quiero', 'quiere',
  'queremos', 'quieren', 'queria', 'quisiera', 'necesito', 'necesita', 'necesitamos', 'necesitan', 'debo', 'debe', 'deberia',
  'saber', 'se', 'sabe', 'sabes', 'ir', 'voy', 'va', 'vamos', 'van', 'dar', 'doy', 'da', 'dan', 'den', 'decir', 'digo', 'dice', 'dicen',
  'ver', 'veo', 'pasa', 'paso', 'pasar', 'sigue', 'seguir', 'hacerlo', 'tenerlo', 'dame', 'deme', 'digame', 'dime', 'ayudeme', 'ayudame',
  // request verbs: "como consigo X", "quiero pedir X", "donde me atienden" say nothing about X
  'pedir', 'pido', 'solicitar', 'solicito', 'obtener', 'obtengo', 'conseguir', 'consigo', 'consegui', 'tramitar', 'tramito',
  'poner', 'pongo', 'ponga', 'atender', 'atiende', 'atienden', 'atiendan', 'cerca', 'cerquita', 'cercano', 'cercana',
  // who the person is and where: everyone writing is a migrant in Peru, so these do not tell
  // answers apart (if regional answers appear, take the place names out of this list)
  'venezolano', 'venezolana', 'venezolanos', 'venezolanas', 'venezuela', 'migrante', 'migrantes', 'extranjero', 'extranjera',
  'extranjeros', 'extranjeras', 'colombiano', 'colombiana', 'ecuatoriano', 'ecuatoriana', 'peru', 'lima', 'callao',
  // where in Peru: districts of Lima and cities, said in passing ("vivo en Ate Vitarte"); a place
  // name diluted a question's match until nothing was sure enough (found missing in round 13)
  'ate', 'vitarte', 'sjl', 'smp', 'lurigancho', 'porres', 'comas', 'olivos', 'independencia', 'carabayllo', 'ventanilla',
  'chorrillos', 'surco', 'miraflores', 'lince', 'brena', 'rimac', 'chosica', 'huaycan', 'barranco', 'vmt', 'sjm', 'agustino',
  'surquillo', 'magdalena', 'molina', 'cercado', 'trujillo', 'arequipa', 'piura', 'chiclayo', 'tumbes', 'cusco', 'cuzco', 'ica',
  'tacna', 'huancayo', 'chimbote', 'iquitos', 'pucallpa', 'ayacucho', 'cajamarca', 'huaraz', 'puno', 'juliaca', 'gamarra', 'distrito',
  // "cerca del centro" is where; a centre of care is named by what it is for ("de salud", "emergencia mujer")
  'centro',
  // greetings, politeness, request words
  'hola', 'ola', 'buenas', 'buenos', 'buen', 'tardes', 'noches', 'saludos', 'gracias', 'grasias', 'favor', 'porfa', 'porfavor',
  'disculpe', 'disculpa', 'perdon', 'ok', 'oka', 'okey', 'vale', 'listo', 'bueno', 'gracia', 'amigo', 'amiga', 'senor', 'senora',
  'senorita', 'hermano', 'hermana', 'pana', 'mija', 'mijo', 'ayuda', 'ayudar', 'apoyo', 'informacion', 'info', 'pregunta',
  'consulta', 'duda', 'dudas', 'alguien', 'gente', 'persona', 'personas', 'usted', 'ud', 'uds', 'cosa', 'cosas', 'tema', 'sobre',
  'dios', 'bendiciones', 'bendicion', 'bendiga', 'bendito', 'bendita', 'amen', 'jaja', 'jajaja', 'ja', 'je', 'ay', 'oye', 'mire', 'mira', 'eh', 'ah', 'pues', 'entonces',
];

const EN_STOP = [
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'of', 'to', 'in', 'on', 'at', 'for', 'from', 'with', 'without', 'by', 'about',
  'as', 'into', 'out', 'up', 'down', 'over', 'so', 'than', 'then', 'too', 'very', 'just', 'also', 'not', 'no', 'yes',
  'i', 'im', 'ive', 'id', 'me', 'my', 'mine', 'we', 'us', 'our', 'you', 'your', 'he', 'him', 'his', 'she', 'her', 'they',
  'them', 'their', 'it', 'its', 'this', 'that', 'these', 'those', 'there', 'here', 'who', 'whom', 'what', 'which', 'where',
  'when', 'why', 'how', 'some', 'any', 'all', 'many', 'much', 'more', 'most', 'other', 'someone', 'anyone', 'something', 'anything',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'doing', 'done', 'have', 'has', 'had', 'having',
  'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'get', 'got', 'getting', 'go', 'going', 'want',
  'wants', 'need', 'needs', 'know', 'tell', 'give', 'make', 'let', 'dont', 'cant', 'wont', 'isnt', 'doesnt', 'didnt', 'day', 'days',
  'week', 'weeks', 'today', 'now', 'still', 'again', 'please', 'thanks', 'thank', 'thx', 'hi', 'hello', 'hey', 'good', 'morning',
  'afternoon', 'evening', 'night', 'ok', 'okay', 'sorry', 'excuse', 'help', 'info', 'information', 'question', 'sir', 'madam',
  'miss', 'friend', 'lol', 'oh', 'well', 'try', 'trying', 'lot', 'lots', 'really', 'one', 'two', 'three',
  'tonight', 'tomorrow', 'yesterday', 'near', 'nearby', 'close', 'venezuelan', 'venezuelans', 'venezuela', 'migrant', 'migrants',
  'foreigner', 'foreigners', 'peru', 'lima',
];

function toMap(classes: readonly SynonymClass[]): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, readonly string[]>();
  for (const [replacement, members] of classes) {
    const words = replacement.split(' ');
    for (const m of members) map.set(m, words);
  }
  return map;
}

/** Portuguese and Creole questions are searched in their own answers first and then, word by
 * word through the glossary, in the Spanish ones (dialogs/faq/glossary.ts): they need stop words
 * here, not synonym classes yet. */
const PT_STOP = [
  'a', 'o', 'as', 'os', 'um', 'uma', 'uns', 'umas', 'de', 'do', 'da', 'dos', 'das', 'em', 'no', 'na', 'nos', 'nas', 'num', 'numa',
  'por', 'pelo', 'pela', 'para', 'pra', 'pro', 'com', 'sem', 'e', 'ou', 'mas', 'que', 'se', 'como', 'onde', 'quando', 'qual', 'quais',
  'eu', 'voce', 'vc', 'ele', 'ela', 'eles', 'elas', 'me', 'te', 'lhe', 'meu', 'minha', 'meus', 'minhas', 'seu', 'sua',
  'sou', 'esta', 'estou', 'ta', 'to', 'tem', 'tenho', 'ter', 'ser', 'foi', 'vai', 'vou', 'pode', 'posso', 'consigo', 'fazer', 'faco',
  'quero', 'queria', 'preciso', 'precisa', 'gostaria', 'saber', 'sabe', 'alguem', 'aqui', 'isso', 'isto', 'esse', 'essa', 'muito',
  'ola', 'oi', 'bom', 'dia', 'boa', 'tarde', 'noite', 'obrigado', 'obrigada', 'favor', 'ajuda', 'informacao', 'duvida',
  'peru', 'lima',
];

/** Haitian Creole has no inflection: these are its function words and request words. */
const HT_STOP = [
  'mwen', 'm', 'ou', 'w', 'li', 'l', 'nou', 'n', 'yo', 'y', 'mw', 'a', 'la', 'lan', 'nan', 'yon', 'on', 'de', 'ak', 'avek', 'pou', 'pa',
  'se', 'ki', 'k', 'kote', 'kijan', 'kouman', 'konbyen', 'kile', 'poukisa', 'si', 'men', 'oswa', 'sa', 'sila', 'epi', 'e',
  'gen', 'genyen', 'ye', 'te', 'ap', 'pral', 'va', 'ka', 'kapab', 'vle', 'bezwen', 'konnen', 'fe', 'jwenn', 'bay', 'isit',
  'bonjou', 'bonswa', 'mesi', 'tanpri', 'souple', 'ed', 'enfomasyon', 'kesyon', 'pewou', 'lima',
];

const SYNONYMS: Record<Lang, ReadonlyMap<string, readonly string[]>> = {
  es: toMap(ES_CLASSES),
  en: toMap(EN_CLASSES),
  pt: new Map(),
  ht: new Map(),
};

export const STOP_WORDS: Record<Lang, ReadonlySet<string>> = {
  es: new Set(ES_STOP),
  en: new Set(EN_STOP),
  pt: new Set(PT_STOP),
  ht: new Set(HT_STOP),
};

/**
 * The replacement words for a normalized word, or undefined when it is not in the table.
 * Tries the word as is, then without a plural "s"/"es" ("chamitos" → "chamito").
 */
export function synonymOf(word: string, lang: Lang): readonly string[] | undefined {
  const map = SYNONYMS[lang];
  const hit = map.get(word);
  if (hit !== undefined) return hit;
  if (word.length > 3 && word.endsWith('s')) {
    return map.get(word.slice(0, -1)) ?? (word.endsWith('es') ? map.get(word.slice(0, -2)) : undefined);
  }
  return undefined;
}

/** Multi-word members ("kicked out", "health centre", "refugio temporal") as word pairs, for the
 * analyser to join before single-word lookup. */
export const SYNONYM_PHRASES = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Map([...SYNONYMS[lang]].filter(([k]) => k.includes(' ')))])) as unknown as Record<
  Lang,
  ReadonlyMap<string, readonly string[]>
>;
