/**
 * A MongoDB collection's fields from a record's zod schema (src/core/records.ts), so a field
 * added to the record is stored (mongoose's strict mode drops any field its schema lacks; the
 * memory store would keep it, and the contract suite would not see the difference).
 * The mapping: string → String (`required` when `.min(1)`: mongoose's required refuses an
 * empty string, and text typed by a person is stored as written), number → Number,
 * enum → String or Number with the enum's values, an object → a sub-document without `_id`,
 * a list → an array of those; optional → not required, and no default (an absent list or
 * sub-document stays absent).
 */
import { Schema, type SchemaDefinition } from 'mongoose';
import { z } from 'zod';

const noId = { versionKey: false, minimize: false, _id: false } as const;

function fieldOf(field: z.ZodType, optional = false): unknown {
  if (field instanceof z.ZodOptional) return fieldOf(field.unwrap() as z.ZodType, true);
  if (field instanceof z.ZodString) return { type: String, required: !optional && (field.minLength ?? 0) > 0 };
  if (field instanceof z.ZodNumber) return { type: Number, required: !optional };
  if (field instanceof z.ZodBoolean) return { type: Boolean, required: !optional };
  if (field instanceof z.ZodEnum) return { type: String, enum: field.options, required: !optional };
  if (field instanceof z.ZodLiteral) {
    const values = [...field.values];
    return { type: typeof values[0] === 'number' ? Number : String, enum: values, required: !optional };
  }
  if (field instanceof z.ZodObject) return { type: subdocument(field), default: undefined, required: !optional };
  if (field instanceof z.ZodArray) {
    const element = field.element as z.ZodType;
    return { type: [element instanceof z.ZodObject ? subdocument(element) : (fieldOf(element) as { type: unknown }).type], default: undefined, required: !optional };
  }
  throw new Error(`fromRecord: no MongoDB mapping for a ${field.constructor.name}`);
}

function subdocument(record: z.ZodObject): Schema {
  return new Schema(fieldsOf(record), noId);
}

/** The mongoose definition of every field of `record`. */
export function fieldsOf(record: z.ZodObject): SchemaDefinition {
  return Object.fromEntries(Object.entries(record.shape as Record<string, z.ZodType>).map(([key, field]) => [key, fieldOf(field)])) as SchemaDefinition;
}
