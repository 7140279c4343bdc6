/**
 * Words that say which topic a message is about, whether or not a published answer matches it.
 * Written as people write (colloquial, Venezuelan and Peruvian), in `normalize`d form. They go
 * through the same analysis as FAQ search (synonyms, stop words, stemming, spelling folding,
 * typo tolerance), so "vacunas", "bacuna" and "vacunar" are all covered by "vacuna".
 *
 * An entry with several words is a phrase: it counts only when all its (non-stop) words are
 * present. Keep words specific: a word that points to two topics equally belongs to neither
 * (e.g. "nino": health, education and protection).
 */

import type { Lang, Topic } from '../../src/core/domain.ts';

export const TOPIC_WORDS: Record<Topic, Record<Lang, readonly string[]>> = {
  regularization: {
    es: [
      'migraciones', 'cpp', 'ptp', 'carnet extranjeria', 'carnet', 'permiso temporal', 'residencia', 'visa', 'pasaporte',
      'cedula', 'documento', 'regularizar', 'refugio', 'solicitante', 'cepr', 'cancilleria', 'prorroga', 'multa', 'multas',
      'calidad migratoria', 'estatus', 'tramite', 'apostillar', 'consulado', 'nacionalidad', 'renovar', 'vencido', 'vencida',
      'expediente', 'extranjeria', 'sin papeles', 'antecedentes', 'salvoconducto', 'partida nacimiento',
    ],
    en: [
      'migraciones', 'cpp', 'ptp', 'residence', 'residency', 'permit', 'visa', 'passport', 'document', 'regularize', 'refugee',
      'status', 'fine', 'fines', 'consulate', 'renew', 'expired', 'overstay', 'appointment', 'foreigner card', 'id card',
      'birth certificate', 'paperwork', 'citizenship', 'nationality',
    ],
    pt: ['documento', 'documentos', 'carteira estrangeiro', 'carne estrangeiro', 'migracoes', 'visto', 'residencia', 'passaporte', 'refugio', 'refugiado', 'permissao', 'regularizar', 'cpp', 'ptp', 'multa', 'vencido', 'renovar', 'consulado', 'cedula', 'sem documento'],
    ht: ['papye', 'dokiman', 'paspo', 'viza', 'rezidans', 'kat etranje', 'migrasyon', 'refijye', 'azil', 'pemi', 'regilarize', 'cpp', 'ptp', 'amann', 'ekspire', 'renouvle', 'konsila', 'batiste'],
  },
  health: {
    es: [
      'salud', 'sis', 'seguro salud', 'essalud', 'minsa', 'medico', 'centro salud', 'hospital', 'clinica', 'enfermo', 'enferma',
      'enfermedad', 'fiebre', 'tos', 'gripe', 'dolor', 'duele', 'vomito', 'diarrea', 'herida', 'vacuna', 'embarazo', 'parto',
      'control prenatal', 'medicina', 'farmacia', 'receta', 'dentista', 'muela', 'psicologo', 'ansiedad', 'depresion',
      'salud mental', 'estres', 'angustia', 'angustiada', 'angustiado', 'nervios', 'diabetes', 'presion', 'vih', 'tuberculosis', 'anemia', 'desnutricion', 'alergia', 'asma',
      'operacion', 'cirugia', 'emergencia medica', 'samu', 'consulta medica', 'anticonceptivo', 'pastilla', 'lentes', 'sangre',
      'malestar', 'sintoma', 'sintomas', 'infeccion', 'covid',
    ],
    en: [
      'health', 'sis', 'health insurance', 'clinic', 'doctor', 'sick', 'ill', 'illness', 'disease', 'fever', 'cough', 'flu', 'pain',
      'hurts', 'vomiting', 'diarrhea', 'wound', 'vaccine', 'pregnant', 'birth', 'medicine', 'pharmacy', 'prescription',
      'dentist', 'tooth', 'toothache', 'psychologist', 'anxiety', 'depression', 'mental health', 'stress', 'diabetes', 'hiv',
      'asthma', 'surgery', 'symptoms', 'infection', 'contraception', 'glasses', 'medical',
    ],
    pt: ['saude', 'hospital', 'posto saude', 'medico', 'doente', 'doenca', 'vacina', 'sis', 'remedio', 'gravida', 'gravidez', 'dor', 'febre', 'dentista', 'psicologo', 'emergencia', 'consulta', 'seguro saude'],
    ht: ['sante', 'lopital', 'dispanse', 'dokte', 'malad', 'maladi', 'vaksen', 'sis', 'medikaman', 'renmed', 'ansent', 'doule', 'lafyev', 'dantis', 'sikolog', 'ijans', 'konsiltasyon'],
  },
  education: {
    es: [
      'colegio', 'matricula', 'estudiar', 'estudios', 'clases', 'profesor', 'profesora', 'maestra', 'maestro', 'siage',
      'convalidar', 'convalidacion', 'revalidar', 'titulo', 'universidad', 'instituto', 'sunedu', 'beca', 'certificado estudios',
      'libreta notas', 'notas', 'grado', 'utiles', 'uniforme', 'ugel', 'educacion', 'aprender', 'curso', 'cursos', 'tarea',
      'alumno', 'alumna', 'estudiante', 'nivelacion', 'diploma', 'bachiller',
    ],
    en: [
      'school', 'enrol', 'study', 'studies', 'student', 'class', 'classes', 'teacher', 'degree', 'diploma', 'university', 'college',
      'scholarship', 'education', 'course', 'courses', 'learn', 'grades', 'transcript', 'validate', 'homework', 'uniform',
    ],
    pt: ['escola', 'colegio', 'matricula', 'vaga', 'estudar', 'estudo', 'universidade', 'faculdade', 'diploma', 'revalidar', 'certificado estudos', 'aula', 'aulas', 'professor', 'curso', 'creche'],
    ht: ['lekol', 'enskripsyon', 'enskri', 'plas lekol', 'etidye', 'etid', 'inivesite', 'diplom', 'klas', 'pwofese', 'kou', 'timoun lekol'],
  },
  social_protection: {
    es: [
      'comida', 'comedor', 'olla comun', 'kit', 'kits', 'bono', 'bonos', 'dinero', 'transferencia', 'ayuda economica',
      'ayuda humanitaria', 'canasta', 'vaso leche', 'pension', 'asistencia', 'donacion', 'donaciones', 'panales', 'ropa',
      'frazadas', 'vales', 'tarjeta', 'efectivo', 'subsidio', 'programa social', 'pobreza', 'necesidad', 'no tengo nada',
    ],
    en: [
      'food', 'meal', 'cash', 'money', 'voucher', 'vouchers', 'kit', 'kits', 'transfer', 'assistance', 'humanitarian aid',
      'donation', 'donations', 'diapers', 'clothes', 'blankets', 'subsidy', 'benefits', 'allowance', 'poverty',
    ],
    pt: ['cesta basica', 'comida', 'alimento', 'fome', 'refeitorio', 'sopao', 'bolsa', 'auxilio', 'dinheiro', 'voucher', 'vale', 'cartao', 'kit', 'ajuda humanitaria', 'programa social', 'transferencia'],
    ht: ['manje', 'grangou', 'kantin', 'kanasta', 'lajan', 'asistans', 'bon', 'kat', 'kit', 'ed imanite', 'pwogram sosyal', 'transfe'],
  },
  housing: {
    es: [
      'vivienda', 'alquiler', 'propietario', 'desalojo', 'albergue', 'dormir', 'calle', 'techo', 'sin techo', 'hospedaje',
      'inquilino', 'contrato alquiler', 'garantia', 'mudanza', 'mudarme', 'vecinos', 'luz agua', 'botar', 'echar',
      'lugar donde vivir', 'donde vivir', 'donde quedarme', 'quedarnos', 'quedarme',
    ],
    en: [
      'housing', 'rent', 'landlord', 'evict', 'shelter', 'sleep', 'street', 'streets', 'tenant', 'lease', 'deposit', 'move out',
      'place to live', 'place to stay', 'roof', 'utilities',
    ],
    pt: ['aluguel', 'alugar', 'casa', 'quarto', 'moradia', 'abrigo', 'albergue', 'despejo', 'despejar', 'dono casa', 'proprietario', 'dormir', 'rua', 'morar', 'contrato aluguel'],
    ht: ['lwaye', 'lwe', 'kay', 'chanm', 'lojman', 'abri', 'refij', 'mete deyo', 'pwopriyete', 'domi', 'lari', 'rete', 'kontra lwaye'],
  },
  employment: {
    es: [
      'trabajo', 'empleador', 'sueldo', 'contrato trabajo', 'despido', 'despidieron', 'botaron trabajo', 'horas extras', 'sunafil',
      'explotacion laboral', 'derechos laborales', 'negocio', 'emprender', 'emprendimiento', 'ruc', 'sunat', 'boleta', 'curriculum',
      'cv', 'entrevista', 'vacaciones', 'gratificacion', 'cts', 'planilla', 'informal', 'ambulante', 'vender', 'trabajador',
      'trabajadora', 'laboral', 'oficio', 'capacitacion',
    ],
    en: [
      'job', 'employer', 'wage', 'fired', 'dismissed', 'overtime', 'contract', 'business', 'self employed', 'tax', 'taxes', 'resume',
      'cv', 'interview', 'hire', 'hiring', 'vacancy', 'worker', 'labour', 'labor', 'unpaid', 'vendor', 'training',
    ],
    pt: ['trabalho', 'trabalhar', 'emprego', 'salario', 'patrao', 'chefe', 'contrato', 'demitido', 'demissao', 'carteira trabalho', 'pagamento', 'horas extras', 'ferias', 'vaga emprego'],
    ht: ['travay', 'djob', 'anplwa', 'sale', 'patwon', 'chef', 'kontra', 'revoke', 'peye', 'leze siplemante', 'konje', 'cheche travay'],
  },
  protection: {
    es: [
      'violencia', 'pareja', 'denuncia', 'denunciar', 'policia', 'deportar', 'miedo', 'amenaza', 'amenazas', 'amenazan', 'acoso',
      'acosa', 'abuso sexual', 'violacion', 'trata', 'explotacion', 'encerrada', 'encerrado', 'secuestro', 'desaparecido',
      'desaparecida', 'discriminacion', 'xenofobia', 'robar', 'extorsion', 'cem', 'linea 100', 'demuna', 'defensoria',
      'no acompanado', 'nino solo', 'nina sola', 'sin padres', 'proteccion', 'peligro', 'seguridad', 'insulto', 'insultan', 'cobran cupo', 'persiguen',
    ],
    en: [
      'violence', 'partner', 'report', 'police', 'deport', 'afraid', 'scared', 'fear', 'threat', 'threats', 'threaten',
      'harassment', 'sexual abuse', 'rape', 'trafficking', 'exploitation', 'locked', 'kidnapped', 'missing', 'discrimination',
      'xenophobia', 'steal', 'extortion', 'unaccompanied', 'protection', 'danger', 'unsafe', 'safety',
    ],
    pt: ['violencia', 'agressao', 'abuso', 'denuncia', 'denunciar', 'policia', 'direitos', 'discriminacao', 'racismo', 'advogado', 'assistencia juridica', 'trafico', 'crianca', 'ameaca', 'xenofobia'],
    ht: ['vyolans', 'atak', 'abi', 'denonse', 'plent', 'lapolis', 'polis', 'dwa', 'diskriminasyon', 'rasis', 'avoka', 'ed legal', 'trafik', 'timoun', 'menas'],
  },
};

/**
 * Words that name a topic as a whole. A message made only of these ("salud", "trabajo",
 * "ayuda con vivienda", "documents") asks for the topic, not for one answer: `search` never
 * treats its best match as confident, and `topicOf` names the topic so the dialog can list it.
 */
export const TOPIC_NAMES: Record<Topic, Record<Lang, readonly string[]>> = {
  regularization: {
    es: ['regularizar', 'migratorio', 'migratoria', 'documento', 'tramite', 'tramites', 'migraciones', 'papeles'],
    en: ['regularize', 'document', 'immigration', 'migration', 'procedure', 'procedures'],
    pt: ['regularizar', 'documento', 'documentos', 'migracao', 'migratorio', 'tramite', 'papeis'],
    ht: ['papye', 'dokiman', 'migrasyon'],
  },
  health: { es: ['salud', 'medico', 'atencion medica', 'centro salud'], en: ['health', 'medical', 'doctor', 'clinic'], pt: ['saude', 'medico', 'atendimento medico'], ht: ['sante', 'dokte'] },
  education: { es: ['educacion', 'estudio', 'estudios', 'estudiar'], en: ['education', 'study', 'studies'], pt: ['educacao', 'estudo', 'estudos', 'estudar'], ht: ['edikasyon', 'etid', 'lekol'] },
  social_protection: {
    es: ['ayuda social', 'ayuda humanitaria', 'asistencia', 'proteccion social', 'programa social'],
    en: ['assistance', 'social protection', 'humanitarian aid', 'aid'],
    pt: ['ajuda social', 'ajuda humanitaria', 'assistencia', 'protecao social'],
    ht: ['ed sosyal', 'asistans', 'ed imanite'],
  },
  housing: { es: ['vivienda'], en: ['housing'], pt: ['moradia', 'habitacao'], ht: ['lojman', 'kay'] },
  employment: { es: ['trabajo', 'laboral', 'trabajar'], en: ['job', 'employment'], pt: ['trabalho', 'emprego', 'trabalhar'], ht: ['travay', 'anplwa'] },
  protection: { es: ['proteccion', 'seguridad', 'derechos'], en: ['protection', 'safety', 'rights'], pt: ['protecao', 'seguranca', 'direitos'], ht: ['pwoteksyon', 'sekirite', 'dwa'] },
};
