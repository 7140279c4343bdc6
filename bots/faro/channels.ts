/**
 * The channels besides the web chat, each enabled by its own settings (see README).
 */
import type { Channel } from '../../channels/channel.ts';
import type { Config } from '../../src/config.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';

export async function optionalChannels(config: Config, turns: TurnHandler, log: Logger): Promise<Channel[]> {
  const channels: Channel[] = [];
  void config;
  void turns;
  void log;
  return channels;
}
