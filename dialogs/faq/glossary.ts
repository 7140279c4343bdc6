/**
 * Portuguese and Haitian Creole questions are searched in the Spanish answers: the answers are
 * written in es and en only, and a question in pt or ht shares little spelling with either
 * ("tem abrigo pra mulher com filhos?", "Èske pitit mwen ka ale lekòl?"). Each word that names
 * something the answers are about is replaced by its Spanish word, names of Peruvian services
 * ("cpp", "sis", "demuna") and numbers are kept, and every other word is dropped before the
 * search: an unknown word counts against an answer, and "mwen ka jwenn" says nothing about which
 * one. This is vocabulary, not translation: the search needs the nouns of the question.
 *
 * Keys are written as `normalize()` leaves them (lower case, no accents). Values may hold several
 * Spanish words when one word stands for a phrase.
 */
import { normalize } from '../text/normalize.ts';

const PORTUGUESE: Record<string, string> = {
  // documents and status
  documento: 'documento', documentos: 'documentos', carne: 'carnet', carteira: 'carnet',
  estrangeiro: 'extranjeria', estrangeira: 'extranjera', estrangeiros: 'extranjeros',
  passaporte: 'pasaporte', vencido: 'vencido', venceu: 'vencio', vencer: 'vencer',
  visto: 'visa', residencia: 'residencia', refugiado: 'refugiado', refugiada: 'refugiada', refugio: 'refugio',
  solicitacao: 'solicitud', pedido: 'solicitud', permissao: 'permiso', autorizacao: 'permiso',
  certidao: 'partida', nascimento: 'nacimiento', nasceu: 'nacio', registrar: 'inscribir', registro: 'inscripcion',
  identidade: 'identidad', migracao: 'migraciones', tirar: 'sacar', renovar: 'renovar', custa: 'cuesta',
  multa: 'multa', multas: 'multas', perdi: 'perdi', roubaram: 'robaron',
  // health
  saude: 'salud', medico: 'medico', medica: 'medico', doutor: 'doctor', hospital: 'hospital', posto: 'posta',
  febre: 'fiebre', gravidez: 'embarazo', gravida: 'embarazada', gestante: 'embarazada', exame: 'examen',
  remedio: 'medicina', remedios: 'medicinas', vacina: 'vacuna', vacinas: 'vacunas', dente: 'muela',
  dentes: 'dientes', doente: 'enfermo', doenca: 'enfermedad', graca: 'gratis', gratuito: 'gratis',
  consulta: 'consulta', psicologo: 'psicologo', teste: 'prueba', seguro: 'seguro', parto: 'parto',
  // family
  filho: 'hijo', filha: 'hija', filhos: 'hijos', filhas: 'hijas', crianca: 'nino', criancas: 'ninos',
  bebe: 'bebe', mulher: 'mujer', marido: 'esposo', esposa: 'esposa', familia: 'familia', mae: 'madre', pai: 'padre',
  // education
  escola: 'colegio', escolas: 'colegios', estudar: 'estudiar', matricula: 'matricula', matricular: 'matricular',
  vaga: 'vacante', vagas: 'vacantes', aula: 'clase', aulas: 'clases', curso: 'curso', cursos: 'cursos',
  universidade: 'universidad', faculdade: 'universidad', diploma: 'titulo', creche: 'cuna guarderia',
  espanhol: 'espanol', publica: 'publica', publico: 'publico', bolsa: 'beca',
  // social protection
  ajuda: 'ayuda', auxilio: 'apoyo', dinheiro: 'dinero', comida: 'comida', alimento: 'alimento',
  alimentos: 'alimentos', cesta: 'canasta', fome: 'hambre', roupa: 'ropa', fralda: 'panales', fraldas: 'panales',
  cadastro: 'inscripcion', inscrever: 'inscribir', programa: 'programa', bonus: 'bono',
  // housing
  abrigo: 'albergue', abrigos: 'albergues', moradia: 'vivienda', casa: 'casa', aluguel: 'alquiler',
  alugar: 'alquilar', despejo: 'desalojo', despejar: 'desalojar', despejado: 'desalojado', dono: 'dueno',
  proprietario: 'propietario', quarto: 'cuarto', rua: 'calle', morar: 'vivir', dormir: 'dormir',
  // work
  trabalho: 'trabajo', trabalhar: 'trabajar', emprego: 'empleo', salario: 'salario', pagamento: 'pago',
  pagar: 'pagar', pagam: 'pagan', patrao: 'jefe', chefe: 'jefe', demitir: 'despedir', demitido: 'despedido',
  demitida: 'despedida', horas: 'horas', contrato: 'contrato', direitos: 'derechos', ferias: 'vacaciones',
  // protection
  violencia: 'violencia', denunciar: 'denunciar', denuncia: 'denuncia', discriminacao: 'discriminacion',
  abuso: 'abuso', agressao: 'agresion', advogado: 'abogado', advogada: 'abogado', juridica: 'legal',
  delegacia: 'comisaria', policia: 'policia', xingaram: 'insultaron', maltrato: 'maltrato', protecao: 'proteccion',
};

const HAITIAN_CREOLE: Record<string, string> = {
  // documents and status
  papye: 'papeles', paspo: 'pasaporte', kat: 'carnet', etranje: 'extranjeria', refijye: 'refugiado',
  rezidans: 'residencia', viza: 'visa', anrejistre: 'inscribir', nesans: 'nacimiento', batiste: 'partida',
  idantite: 'identidad', imigrasyon: 'migraciones', renouvle: 'renovar', amann: 'multa', pedi: 'perdi',
  // health
  lopital: 'hospital', dokte: 'doctor', malad: 'enfermo', maladi: 'enfermedad', lafyev: 'fiebre', fyev: 'fiebre',
  ansent: 'embarazada', gwoses: 'embarazo', vaksen: 'vacuna', medikaman: 'medicina', dan: 'muela', sante: 'salud',
  klinik: 'clinica', swen: 'atencion',
  // family
  pitit: 'hijo', timoun: 'nino', bebe: 'bebe', madanm: 'esposa', mari: 'esposo', fanmi: 'familia', manman: 'madre',
  // education
  lekol: 'colegio', etidye: 'estudiar', klas: 'clases', inivesite: 'universidad', panyol: 'espanol',
  diplom: 'titulo', kou: 'curso', piblik: 'publico',
  // social protection
  manje: 'comida', lajan: 'dinero', ed: 'ayuda', ede: 'ayudar', asistans: 'asistencia', rad: 'ropa',
  // housing
  kay: 'casa', lwaye: 'alquiler', lwe: 'alquilar', abri: 'albergue', domi: 'dormir', lari: 'calle',
  // work
  travay: 'trabajo', patwon: 'jefe', sale: 'salario', peye: 'pagar', kontra: 'contrato', dwa: 'derechos',
  // protection
  vyolans: 'violencia', abi: 'abuso', avoka: 'abogado', lapolis: 'policia', denonse: 'denunciar', plent: 'denuncia',
  diskriminasyon: 'discriminacion', pwoteksyon: 'proteccion',
  koute: 'cuesta',
};

/** Names and acronyms written the same in every language. */
const SERVICES = ['cpp', 'ptp', 'sis', 'dni', 'ruc', 'cem', 'demuna', 'sunafil', 'conadis', 'essalud', 'reniec', 'sunedu', 'migraciones', 'acnur', 'unhcr', 'oim', 'iom', 'unicef', 'vih', 'hiv', 'lgbt', 'lgbti'];

const GLOSSARY: ReadonlyMap<string, string> = new Map([
  ...Object.entries(PORTUGUESE),
  ...Object.entries(HAITIAN_CREOLE),
  ...SERVICES.map((w) => [w, w] as const),
]);

/** The Spanish words for what a Portuguese or Creole message asks about, for the es search. */
export function inSpanishWords(text: string): string {
  const n = normalize(text);
  if (n === '') return n;
  return n
    .split(' ')
    .map((w) => GLOSSARY.get(w) ?? (/^\d+$/.test(w) ? w : ''))
    .filter((w) => w !== '')
    .join(' ');
}
