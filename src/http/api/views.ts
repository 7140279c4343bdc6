/**
 * A stored record as the staff API shows it, derived from its one schema (src/core/records.ts):
 * the fields staff must not see left out, and every time (epoch milliseconds in the store) as
 * an ISO 8601 string, in nested objects and lists too. A view adds only what is the API's own
 * (descriptions for the OpenAPI document, a narrower enum).
 */
import { z } from 'zod';
import { epoch } from '../../core/records.ts';

type Shape = Record<string, z.ZodType>;

function shown(field: z.ZodType): z.ZodType {
  if (field === epoch) return z.iso.datetime();
  if (field instanceof z.ZodOptional) return shown(field.unwrap() as z.ZodType).optional();
  if (field instanceof z.ZodArray) return z.array(shown(field.element as z.ZodType));
  if (field instanceof z.ZodObject) return z.object(shownShape(field.shape as Shape));
  return field;
}

function shownShape(shape: Shape): Shape {
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, shown(field)]));
}

export function viewOf(record: z.ZodObject, hidden: readonly string[] = []): z.ZodObject {
  return z.object(shownShape(Object.fromEntries(Object.entries(record.shape as Shape).filter(([key]) => !hidden.includes(key)))));
}
