/**
 * How the registration matrix (its fields, codes and order: src/core/intake.ts) is asked and
 * read: regions, nationalities and household sizes as people type them.
 */
import { editDistance, normalize, typoBudget } from '../text/normalize.ts';

export { INTAKE_CODES, INTAKE_FIELDS, type IntakeField, nextAfter, PLAIN_FIELDS, type PlainField } from '../../src/core/intake.ts';

/** Peru's 24 departments plus the Constitutional Province of Callao and Lima Metropolitana. */
export const REGIONS = [
  'Amazonas',
  'Áncash',
  'Apurímac',
  'Arequipa',
  'Ayacucho',
  'Cajamarca',
  'Callao',
  'Cusco',
  'Huancavelica',
  'Huánuco',
  'Ica',
  'Junín',
  'La Libertad',
  'Lambayeque',
  'Lima Metropolitana',
  'Lima Provincias',
  'Loreto',
  'Madre de Dios',
  'Moquegua',
  'Pasco',
  'Piura',
  'Puno',
  'San Martín',
  'Tacna',
  'Tumbes',
  'Ucayali',
] as const;

/** Regions offered as choices; the rest are typed ("Otra región"). Where most people live. */
export const COMMON_REGIONS = ['Lima Metropolitana', 'Callao', 'La Libertad', 'Arequipa', 'Piura', 'Tumbes', 'Lambayeque', 'Cusco', 'Ica'];

const REGION_ALIASES: Record<string, string> = { lima: 'Lima Metropolitana', cuzco: 'Cusco', ancash: 'Áncash', trujillo: 'La Libertad', chiclayo: 'Lambayeque' };
const NORMALIZED_REGIONS = REGIONS.map((r) => [normalize(r), r] as const);

/** "arequpa" → "Arequipa"; null when nothing is close enough. */
export function matchRegion(text: string): string | null {
  const n = normalize(text);
  if (n === '') return null;
  if (REGION_ALIASES[n]) return REGION_ALIASES[n];
  for (const [norm, region] of NORMALIZED_REGIONS) {
    if (editDistance(n, norm, typoBudget(norm)) <= typoBudget(norm)) return region;
  }
  return null;
}

/** A nationality typed after "Otra": letters and spaces only, 2–40 characters, else null. */
export function cleanNationality(text: string): string | null {
  const t = text
    .normalize('NFC')
    .replace(/[^\p{L} '-]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length >= 2 && t.length <= 40 ? t : null;
}

/** "7" or "siete"? Only digits: a household size of 5 or more becomes `5_plus`. */
export function householdCode(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (n < 1) return null;
  return n >= 5 ? '5_plus' : String(n);
}
