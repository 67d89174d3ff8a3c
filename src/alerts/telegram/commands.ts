// Telegram commands (SPEC §13): /status, /positions, /pnl, /signals, /pause, /resume,
// /close SYMBOL and /killswitch (trips HALTED; a reset is never done from Telegram), answered only
// for TELEGRAM_ALLOWED_USER_IDS — by the sender's user id, never the chat's, so a group the bot
// sits in grants nothing. Anyone else gets no answer at all and is logged. State changes go
// through the control plane, audited there with the Telegram user as the actor (a refused one is
// audited here). Long polling (getUpdates with offsets) runs on grammy's loop.
import { Bot, type Context } from 'grammy';
import type { ControlPlane } from '../../control/types.js';
import type { Logger } from '../../logging/logger.js';
import { appendAudit } from '../../store/audit-repo.js';
import type { Session } from '../../store/store.js';
import { apiRootOf } from './notifier.js';
import { pnlReply, positionsReply, signalsReply, statusReply } from './replies.js';

export interface TelegramCommandsOptions {
  readonly token: string;
  readonly apiUrl: string;
  readonly allowedUserIds: readonly number[];
  readonly control: ControlPlane;
  readonly store: Session;
  readonly runId?: string | undefined;
  /** The instance's Clock, for audit times. */
  readonly now: () => number;
  readonly logger: Logger;
  /** Long-poll wait in seconds (Telegram allows up to 50). */
  readonly pollTimeoutSeconds?: number;
}

export const HELP = [
  '/status — trading state and breakers',
  '/positions — open positions',
  '/pnl — today’s P&L',
  '/signals — the last accepted signals',
  '/pause [reason] — no new entries',
  '/resume [reason] — allow new entries',
  '/close SYMBOL — close the bot’s position in SYMBOL',
  '/killswitch [reason] — HALT trading (reset only from the CLI)',
].join('\n');

export class TelegramCommands {
  readonly bot: Bot;
  private running: Promise<void> | undefined;

  constructor(private readonly o: TelegramCommandsOptions) {
    this.bot = new Bot(o.token, { client: { apiRoot: apiRootOf(o.apiUrl), timeoutSeconds: 90 } });
    const allowed = new Set(o.allowedUserIds);
    this.bot.use(async (ctx, next) => {
      const user = ctx.from?.id;
      if (user === undefined || !allowed.has(user)) {
        o.logger.warn(
          { telegram_user: user ?? null, chat: ctx.chat?.id ?? null, text: ctx.message?.text?.slice(0, 100) },
          'telegram: message from a user not in TELEGRAM_ALLOWED_USER_IDS ignored',
        );
        return;
      }
      await next();
    });
    const c = this.bot;
    c.command(['start', 'help'], (ctx) => ctx.reply(HELP));
    c.command('status', async (ctx) => ctx.reply(statusReply(await o.control.status())));
    c.command('positions', async (ctx) => ctx.reply(await positionsReply(o.store)));
    c.command('pnl', async (ctx) => ctx.reply(await pnlReply(o.store, await o.control.status())));
    c.command('signals', async (ctx) => ctx.reply(await signalsReply(o.store, o.runId)));
    c.command('pause', (ctx) => this.stateCommand(ctx, 'pause'));
    c.command('resume', (ctx) => this.stateCommand(ctx, 'resume'));
    c.command('killswitch', (ctx) => this.stateCommand(ctx, 'trip'));
    c.command('close', (ctx) => this.close(ctx));
    c.on('message', (ctx) => ctx.reply(`Unknown command.\n${HELP}`));
    this.bot.catch((err) => {
      o.logger.error({ err: err.error, telegram_user: err.ctx.from?.id }, 'telegram command failed');
      void err.ctx.reply(`Failed: ${message(err.error)}`).catch(() => undefined);
    });
  }

  /** Starts long polling; resolves once the bot knows itself (getMe) and polls. */
  async start(): Promise<void> {
    await this.bot.init();
    await new Promise<void>((resolve, reject) => {
      this.running = this.bot
        .start({
          allowed_updates: ['message'],
          timeout: this.o.pollTimeoutSeconds ?? 30,
          onStart: () => resolve(),
        })
        .catch((e: unknown) => {
          this.o.logger.error({ err: e }, 'telegram polling stopped');
          reject(e);
        });
    });
  }

  async stop(): Promise<void> {
    try {
      // grammy confirms the last offset with one more getUpdates: Telegram being unreachable at
      // shutdown costs at most a repeated update next start (handled idempotently), not the exit.
      if (this.bot.isRunning()) await this.bot.stop();
    } catch (err) {
      this.o.logger?.warn({ err }, 'Telegram unreachable at shutdown: polling stopped without confirming');
    }
    await this.running?.catch(() => undefined);
  }

  private async stateCommand(ctx: Context, command: 'pause' | 'resume' | 'trip'): Promise<void> {
    const user = ctx.from!.id;
    const given = String(ctx.match ?? '').trim();
    const reason = `${given || (command === 'trip' ? 'kill switch from Telegram' : `${command}d from Telegram`)} (telegram user ${user})`;
    try {
      // Audited by the control plane with this user as the actor; only a refusal is audited here.
      const r = await this.o.control.command(command, reason, `telegram:${user}`);
      await ctx.reply(r.changed ? `${r.from} → ${r.to}\nReason: ${r.reason}` : `Already ${r.to}.`);
    } catch (e) {
      await this.audit(
        ctx,
        `telegram.${command === 'trip' ? 'killswitch' : command}`,
        'trading_state',
        reason,
        {
          error: message(e),
        },
      );
      await ctx.reply(`Refused: ${message(e)}`);
    }
  }

  private async close(ctx: Context): Promise<void> {
    const symbol = String(ctx.match ?? '')
      .trim()
      .toUpperCase();
    if (!symbol || /\s/.test(symbol)) {
      await ctx.reply('Usage: /close SYMBOL (e.g. /close BTC/USDT)');
      return;
    }
    const reason = `manual close (telegram user ${ctx.from!.id})`;
    try {
      const r = await this.o.control.close(symbol, `telegram:${ctx.from!.id}`);
      await ctx.reply(
        `Closed ${r.positions_closed} position${r.positions_closed === 1 ? '' : 's'} in ${symbol}.`,
      );
    } catch (e) {
      await this.audit(ctx, 'telegram.close', symbol, reason, { error: message(e) });
      await ctx.reply(`Refused: ${message(e)}`);
    }
  }

  private async audit(
    ctx: Context,
    action: string,
    target: string,
    reason: string,
    details: object,
  ): Promise<void> {
    await appendAudit(this.o.store, {
      at: this.o.now(),
      actor: `telegram:${ctx.from!.id}`,
      action,
      target,
      reason,
      details: { ...details, chat_id: ctx.chat?.id ?? null },
    });
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
