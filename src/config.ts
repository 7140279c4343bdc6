/**
 * Configuration from environment variables (and an optional `.env` file), validated once at
 * start-up. Every variable is listed in the README. A bad value stops the start with a message
 * naming the variable and what to change.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.url().optional(),
  DIRECTLINE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TOKEN_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  WEBCHAT_ORIGINS: list.default(['*']),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  HOTLINE_NUMBER: z.string().min(3).default('0800-00000 (configure HOTLINE_NUMBER)'),
  OPENING_HOURS_ES: z.string().min(3).default('lunes a viernes, de 9:00 a 18:00'),
  OPENING_HOURS_EN: z.string().min(3).default('Monday to Friday, 9:00 to 18:00'),
  PSEA_EMAIL: z.string().min(3).default('psea@example.org (configure PSEA_EMAIL)'),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Faro cannot start: fix these environment variables (or .env):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
