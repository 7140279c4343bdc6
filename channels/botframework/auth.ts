import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

/** The bot's Azure identity; all unset runs unauthenticated (Emulator, a local bridge). */
export interface BotIdentity {
  /** Microsoft App ID of the Azure Bot resource (`MicrosoftAppId`). */
  appId?: string;
  /** Its client secret (`MicrosoftAppPassword`); not for UserAssignedMSI. */
  appPassword?: string;
  /** Default MultiTenant (`MicrosoftAppType`). */
  appType?: AppType;
  /** Required for SingleTenant and UserAssignedMSI (`MicrosoftAppTenantId`). */
  tenantId?: string;
}

export interface BotAuthentication {
  auth: ConfigurationBotFrameworkAuthentication;
  /** '' when unauthenticated: the identity proactive turns run as. */
  appId: string;
  requiresAuth: boolean;
}

/**
 * botbuilder's own authentication, configured the way its `MicrosoftApp*` settings are. With
 * no app id, inbound requests are accepted without a token and replies go out without one
 * (CHANNELS.md §2); with one, inbound tokens are validated against the Bot Framework's keys
 * and replies are authenticated as the app. Combinations botbuilder would only trip over on
 * the first reply (or never: a SingleTenant bot without a tenant) fail here, at start-up.
 */
export function createBotAuthentication(identity: BotIdentity): BotAuthentication {
  const appId = identity.appId?.trim() || undefined;
  const password = identity.appPassword?.trim() || undefined;
  const tenantId = identity.tenantId?.trim() || undefined;
  const appType = identity.appType ?? 'MultiTenant';
  if (!APP_TYPES.includes(appType)) {
    throw new Error(`Bot Framework appType "${String(appType)}" is not one of ${APP_TYPES.join(', ')}.`);
  }

  if (appId === undefined) {
    if (password !== undefined || tenantId !== undefined || identity.appType !== undefined) {
      throw new Error("Bot Framework appPassword, appType or tenantId is set without an appId: set the Azure Bot's Microsoft App ID too, or unset them all to run unauthenticated.");
    }
    return { auth: new ConfigurationBotFrameworkAuthentication({}), appId: '', requiresAuth: false };
  }

  if (appType === 'UserAssignedMSI') {
    if (password !== undefined) throw new Error('Bot Framework appPassword must not be set for appType UserAssignedMSI (the managed identity needs none).');
    if (tenantId === undefined) throw new Error('Bot Framework tenantId is required for appType UserAssignedMSI.');
  } else {
    if (password === undefined) throw new Error(`Bot Framework appPassword (the app's client secret) is required for appType ${appType}.`);
    if (appType === 'SingleTenant' && tenantId === undefined) throw new Error('Bot Framework tenantId is required for appType SingleTenant.');
  }

  const config: Record<string, string> = { MicrosoftAppId: appId, MicrosoftAppType: appType };
  if (password !== undefined) config.MicrosoftAppPassword = password;
  if (tenantId !== undefined) config.MicrosoftAppTenantId = tenantId;
  return { auth: new ConfigurationBotFrameworkAuthentication(config), appId, requiresAuth: true };
}
