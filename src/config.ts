/**
 * Configuration from environment variables (and an optional `.env` file), validated once at
 * start-up. Every variable is listed in the README. A bad value stops the start with a message
 * naming the variable and what to change.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseSchedule, ScheduleError } from './core/schedule.ts';

const port = z.coerce.number().int().min(0).max(65535);
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const schema = z
  .object({
    PORT: port.default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_URL: z.url().optional(),
    DIRECTLINE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    TOKEN_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    WEBCHAT_ORIGINS: list.default(['*']),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    // Behind a reverse proxy: which proxies to believe about the client's address (express's
    // `trust proxy`: a number of hops, `loopback`, addresses or CIDRs, `true`). Unset: none.
    TRUST_PROXY: z
      .string()
      .min(1)
      .transform((v) => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v))
      .optional(),
    HOTLINE_NUMBER: z.string().min(3).default('0800-00000 (configure HOTLINE_NUMBER)'),
    OPENING_HOURS_ES: z.string().min(3).default('lunes a viernes, de 9:00 a 18:00'),
    OPENING_HOURS_EN: z.string().min(3).default('Monday to Friday, 9:00 to 18:00'),
    OPENING_HOURS_PT: z.string().min(3).default('segunda a sexta, das 9:00 às 18:00'),
    OPENING_HOURS_HT: z.string().min(3).default('lendi rive vandredi, de 9:00 pou 18:00'),
    // When operators answer (machine-readable; OPENING_HOURS_<LANG> say the same to people).
    OPENING_SCHEDULE: z.string().min(1).default('mon-fri 09:00-18:00'),
    TIME_ZONE: z.string().min(1).default('America/Lima'),
    PSEA_EMAIL: z.string().min(3).default('psea@example.org (configure PSEA_EMAIL)'),

    // The PSEA focal point is told that a report was filed (never what it says) at this URL.
    PSEA_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),

    // The first admin, created on a start with no staff accounts (ignored once staff exist).
    ADMIN_EMAIL: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address')
      .optional(),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    // The first PSEA focal point, created on a start with none (an admin can never grant the role).
    PSEA_FOCAL_EMAIL: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address')
      .optional(),
    PSEA_FOCAL_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),

    // Telegram: enabled by the bot token; long polling unless a webhook URL is set.
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d{1,20}:[A-Za-z0-9_-]{1,100}$/, 'must look like 123456:ABC… (from @BotFather)')
      .optional(),
    TELEGRAM_WEBHOOK_URL: z.url().optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'use 1–256 of A-Z a-z 0-9 _ -')
      .optional(),
    TELEGRAM_WEBHOOK_PATH: z
      .string()
      .regex(/^\/[A-Za-z0-9._~/-]+$/, 'must be a plain path like /telegram/webhook')
      .optional(),
    TELEGRAM_API_ROOT: z.url().optional(),
    TELEGRAM_DROP_PENDING_UPDATES: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),

    // WhatsApp Cloud API: enabled when all four are set.
    WHATSAPP_TOKEN: z.string().min(10).optional(),
    WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, 'must be the numeric phone number id from Meta').optional(),
    WHATSAPP_APP_SECRET: z.string().min(8).optional(),
    WHATSAPP_VERIFY_TOKEN: z.string().min(8).optional(),
    WHATSAPP_API_ROOT: z.url().optional(),
    WHATSAPP_TEMPLATE_NAME: z.string().min(1).optional(),
    WHATSAPP_TEMPLATE_LANG: z.string().min(2).default('es'),

    // WhatsApp Web (unofficial client, pilots only).
    WHATSAPP_WEB: z
      .enum(['true', 'false', '1', '0', ''])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    WHATSAPP_WEB_QR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    PUPPETEER_EXECUTABLE_PATH: z.string().min(1).default('/usr/bin/chromium'),

    // Bot Framework (Azure Bot Service, Bot Framework Emulator): on with an app id (authenticated);
    // BOTFRAMEWORK_ENABLED=true without one runs it unauthenticated, for local use with the Emulator.
    BOTFRAMEWORK_ENABLED: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    MicrosoftAppId: z.string().min(1).optional(),
    MicrosoftAppPassword: z.string().min(1).optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppTenantId: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    const whatsapp = ['WHATSAPP_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'] as const;
    const set = whatsapp.filter((k) => c[k] !== undefined);
    if (set.length > 0 && set.length < whatsapp.length) {
      for (const k of whatsapp.filter((k) => c[k] === undefined))
        ctx.addIssue({ code: 'custom', path: [k], message: `is needed too when ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set (WhatsApp Cloud API)` });
    }
    if (Boolean(c.PSEA_FOCAL_EMAIL) !== Boolean(c.PSEA_FOCAL_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.PSEA_FOCAL_EMAIL ? 'PSEA_FOCAL_PASSWORD' : 'PSEA_FOCAL_EMAIL'],
        message: 'is needed too: PSEA_FOCAL_EMAIL and PSEA_FOCAL_PASSWORD create the first PSEA focal point together',
      });
    }
    if (Boolean(c.ADMIN_EMAIL) !== Boolean(c.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: [c.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'], message: 'is needed too: ADMIN_EMAIL and ADMIN_PASSWORD create the first admin together' });
    }
    try {
      parseSchedule(c.OPENING_SCHEDULE, c.TIME_ZONE);
    } catch (err) {
      if (!(err instanceof ScheduleError)) throw err;
      ctx.addIssue({ code: 'custom', path: [/time zone/i.test(err.message) ? 'TIME_ZONE' : 'OPENING_SCHEDULE'], message: err.message });
    }
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'is needed when TELEGRAM_WEBHOOK_URL is set' });
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET)
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is needed when TELEGRAM_WEBHOOK_URL is set (Telegram sends it back with every update)' });
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  // An empty value (`TELEGRAM_BOT_TOKEN=` in a .env) means "not set".
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Faro cannot start: fix these environment variables (or .env):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
