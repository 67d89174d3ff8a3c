// The whole command tree (SPEC §16). Each action imports its implementation lazily, so
// `divbot --help` and `divbot run`'s health endpoint never wait for heavy modules.
import { Command, Option } from 'commander';

const collect = (value: string, previous: string[]) => [...previous, value];

export function buildProgram(version: string): Command {
  const program = new Command('divbot')
    .description('Automated divergence trading bot: backtests, the offline demo, paper and live trading')
    .version(version, '-V, --version')
    .option('--set <KEY=VALUE>', 'override one configuration variable for this run (repeatable)', collect, [])
    .option('--env-file <path>', 'read configuration from this .env file', '.env')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true);

  const json = () => new Option('--json', 'print machine-readable JSON to stdout');
  const out = () => new Option('--out <file>', 'write the JSON to a file instead of stdout');
  const demo = () => new Option('--demo', "use the running demo's store (./var/demo)");

  program
    .command('run')
    .description('run the trading loop: the offline demo (dev), paper or live trading')
    .addOption(new Option('--mode <mode>', 'trading mode (wins over MODE)').choices(['dev', 'paper', 'live']))
    .option('--speed <n>', 'demo: simulated seconds per real second (wins over DEMO_SPEED)')
    .option('--resume', 'demo: continue the last demo database instead of starting fresh')
    .action(async (opts, cmd) => (await import('./commands/run.js')).runCommand(opts, cmd.optsWithGlobals()));

  program
    .command('backtest')
    .description('replay historical candles through the live pipeline and report the results')
    .requiredOption('--data <paths...>', 'CSV files or a directory of them')
    .option('--symbols <list>', 'comma-separated symbols to include')
    .option('--from <time>', 'first bar time to trade (ISO-8601)')
    .option('--to <time>', 'last bar time to trade (ISO-8601)')
    .addOption(json())
    .addOption(out())
    .option('--report <file.html>', 'write a self-contained HTML report')
    .addOption(
      new Option('--llm <mode>', 'LLM answers: off, or replay recorded ones').choices(['off', 'replay']),
    )
    .addOption(
      new Option('--resume-paused <when>', 'resume a book PAUSED by its loss streak (as a person would)')
        .choices(['next-day', 'never'])
        .default('next-day'),
    )
    .action(async (opts, cmd) =>
      (await import('./commands/backtest.js')).backtestCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('lookahead')
    .description('prove that nothing known at a cut changes when the future is cut off or replaced by noise')
    .requiredOption('--data <paths...>', 'CSV files or a directory of them')
    .option('--symbols <list>', 'comma-separated symbols to include')
    .option('--cuts <n>', 'test at most this many cut points (spread evenly)', '40')
    .option('--random <n>', 'random cut points besides the trade ones', '10')
    .addOption(json())
    .addOption(out())
    .action(async (opts, cmd) =>
      (await import('./commands/lookahead.js')).lookaheadCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('optimize')
    .description('walk-forward parameter search (stitched out-of-sample results only)')
    .requiredOption('--data <paths...>', 'CSV files or a directory of them')
    .option('--symbols <list>', 'comma-separated symbols to include')
    .option('--param <KEY=LOW..HIGH[:STEP]>', 'a parameter range to search (repeatable)', collect, [])
    .addOption(
      new Option('--objective <name>', 'what to maximise')
        .makeOptionMandatory()
        .choices(['sharpe', 'profit_factor', 'expectancy_r']),
    )
    .requiredOption('--walk-forward <k>', 'number of walk-forward windows')
    .option('--in-sample <days>', 'in-sample length of each window (default: derived from K)')
    .option('--out-of-sample <days>', 'out-of-sample length of each window (default: derived from K)')
    .addOption(
      new Option('--search <mode>', 'every combination, or a random sample')
        .choices(['grid', 'random'])
        .default('grid'),
    )
    .option('--trials <n>', 'random search: how many parameter sets to draw')
    .option('--seed <n>', 'random search: the seed', '1')
    .option('--min-trades <n>', 'in-sample trades a set needs to qualify in a window', '10')
    .option('--holdout-from <time>', 'reserve the data from this time on; no trial reads it')
    .option('--workers <n>', 'worker threads on this machine (default: cores - 1)')
    .option('--queue <redis-url>', 'distribute trials through BullMQ on this Redis')
    .option('--queue-name <name>', 'the BullMQ queue name', 'divbot-optimize')
    .addOption(json())
    .addOption(out())
    .action(async (opts, cmd) =>
      (await import('./commands/optimize.js')).optimizeCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('worker')
    .description('take optimiser jobs from a BullMQ queue (run on any number of machines)')
    .requiredOption('--queue <redis-url>', 'the Redis holding the queue')
    .requiredOption('--data <paths...>', 'the same CSV files as the optimize run (checked by fingerprint)')
    .option('--queue-name <name>', 'the BullMQ queue name', 'divbot-optimize')
    .option(
      '--concurrency <n>',
      'jobs taken at once (a backtest keeps one core busy: run one worker per core)',
      '1',
    )
    .action(async (opts, cmd) =>
      (await import('./commands/worker.js')).workerCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('scan')
    .description('list every divergence candidate of a file, with its 15 verdicts')
    .requiredOption('--data <file>', 'a CSV file')
    .option('--symbol <symbol>', 'the instrument (else from the file name)')
    .addOption(
      new Option('--timeframe <tf>', 'the timeframe (else from the name or spacing)').choices(['1h', '4h']),
    )
    .addOption(json())
    .addOption(out())
    .action(async (opts, cmd) =>
      (await import('./commands/scan.js')).scanCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('indicators')
    .description('print every indicator value per bar')
    .requiredOption('--data <file>', 'a CSV file')
    .option('--from <time>', 'first bar to print (computation uses the whole file)')
    .option('--to <time>', 'last bar to print')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .addOption(out())
    .action(async (opts, cmd) =>
      (await import('./commands/indicators.js')).indicatorsCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('pivots')
    .description('print every confirmed pivot with its confirm bar')
    .requiredOption('--data <file>', 'a CSV file')
    .addOption(new Option('--timeframe <tf>', 'pivot lengths of this timeframe').choices(['1h', '4h']))
    .addOption(json())
    .addOption(out())
    .action(async (opts, cmd) =>
      (await import('./commands/pivots.js')).pivotsCommand(opts, cmd.optsWithGlobals()),
    );

  const data = program.command('data').description('market data in the candle cache');
  data
    .command('import <file>')
    .description('import a CSV file into the candle cache (idempotent)')
    .option('--symbol <symbol>', 'the instrument (else from the file name)')
    .addOption(
      new Option('--timeframe <tf>', 'the timeframe (else from the name or spacing)').choices(['1h', '4h']),
    )
    .addOption(demo())
    .addOption(json())
    .action(async (file, opts, cmd) =>
      (await import('./commands/data-import.js')).dataImportCommand(file, opts, cmd.optsWithGlobals()),
    );
  data
    .command('fetch')
    .description('fetch closed candles from the venue into the candle cache')
    .requiredOption('--symbol <symbol>', 'the instrument')
    .addOption(new Option('--timeframe <tf>', 'the timeframe').choices(['1h', '4h']).makeOptionMandatory())
    .requiredOption('--from <time>', 'first bar time (ISO-8601)')
    .option('--to <time>', 'last bar time (ISO-8601; default: now)')
    .addOption(demo())
    .addOption(json())
    .action(async (opts, cmd) =>
      (await import('./commands/data-fetch.js')).dataFetchCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('db')
    .description('database maintenance')
    .command('migrate')
    .description('apply the schema migrations (idempotent)')
    .addOption(demo())
    .addOption(json())
    .action(async (opts, cmd) =>
      (await import('./commands/db-migrate.js')).dbMigrateCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('config')
    .description('configuration')
    .command('check')
    .description('print the effective configuration (secrets masked), or name every bad variable (exit 2)')
    .addOption(json())
    .action(async (opts, cmd) =>
      (await import('./commands/config-check.js')).configCheckCommand(opts, cmd.optsWithGlobals()),
    );

  const killswitch = program.command('killswitch').description('the kill switch (HALTED state)');
  killswitch
    .command('status')
    .description('show the trading state and breakers')
    .addOption(json())
    .addOption(demo())
    .action(async (opts, cmd) =>
      (await import('./commands/control.js')).killswitchStatusCommand(opts, cmd.optsWithGlobals()),
    );
  killswitch
    .command('reset')
    .description('leave HALTED (audited; re-bases the equity peak)')
    .requiredOption('--reason <text>', 'why it is safe to trade again')
    .addOption(demo())
    .addOption(json())
    .action(async (opts, cmd) =>
      (await import('./commands/control.js')).killswitchResetCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('pause')
    .description('no new entries; exits and protection continue')
    .option('--reason <text>', 'why (audited)')
    .addOption(demo())
    .addOption(json())
    .action(async (opts, cmd) =>
      (await import('./commands/control.js')).pauseCommand(opts, cmd.optsWithGlobals()),
    );
  program
    .command('resume')
    .description('leave PAUSED')
    .option('--reason <text>', 'why (audited)')
    .addOption(demo())
    .addOption(json())
    .action(async (opts, cmd) =>
      (await import('./commands/control.js')).resumeCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('close [symbol]')
    .description("close the bot's position in SYMBOL, or all with --all")
    .option('--all', 'close every open position')
    .addOption(demo())
    .addOption(json())
    .action(async (symbol, opts, cmd) =>
      (await import('./commands/control.js')).closeCommand(symbol, opts, cmd.optsWithGlobals()),
    );

  const users = program.command('users').description('dashboard users');
  users
    .command('add <name>')
    .description('add a dashboard user (password from the prompt or stdin)')
    .addOption(demo())
    .action(async (name, opts, cmd) =>
      (await import('./commands/users.js')).usersAddCommand(name, opts, cmd.optsWithGlobals()),
    );
  users
    .command('hash')
    .description('print an argon2id hash for DASHBOARD_USER_<NAME> (password from the prompt or stdin)')
    .action(async () => (await import('./commands/users.js')).usersHashCommand());

  program
    .command('tokens')
    .description('API bearer tokens')
    .command('create <name>')
    .description('create a token and print it once (stored hashed)')
    .addOption(demo())
    .action(async (name, opts, cmd) =>
      (await import('./commands/tokens.js')).tokensCreateCommand(name, opts, cmd.optsWithGlobals()),
    );

  program
    .command('report')
    .description('reports')
    .command('rules')
    .description('rule efficacy: outcomes of the candidates each rule rejected vs those that passed')
    .addOption(json())
    .addOption(demo())
    .action(async (opts, cmd) =>
      (await import('./commands/report-rules.js')).reportRulesCommand(opts, cmd.optsWithGlobals()),
    );

  program
    .command('promote')
    .description('check the paper record before live trading and say what is missing')
    .addOption(json())
    .action(async (opts, cmd) =>
      (await import('./commands/promote.js')).promoteCommand(opts, cmd.optsWithGlobals()),
    );

  const instruments = program.command('instruments').description('the instrument registry');
  instruments
    .command('list')
    .description('list the instruments with their broker, precision, sessions and state')
    .addOption(json())
    .action(async (opts) => (await import('./commands/instruments-list.js')).instrumentsListCommand(opts));
  instruments
    .command('enable <symbol>')
    .description('allow new entries on SYMBOL (audited, no restart)')
    .option('--reason <text>', 'why (audited)')
    .addOption(demo())
    .addOption(json())
    .action(async (symbol, opts, cmd) =>
      (await import('./commands/control.js')).instrumentsEnableCommand(symbol, opts, cmd.optsWithGlobals()),
    );
  instruments
    .command('disable <symbol>')
    .description('stop new entries on SYMBOL (audited, no restart)')
    .option('--reason <text>', 'why (audited)')
    .addOption(demo())
    .addOption(json())
    .action(async (symbol, opts, cmd) =>
      (await import('./commands/control.js')).instrumentsDisableCommand(symbol, opts, cmd.optsWithGlobals()),
    );
  instruments
    .command('risk <symbol> <multiplier>')
    .description("scale SYMBOL's risk per trade (audited, no restart)")
    .option('--reason <text>', 'why (audited)')
    .addOption(demo())
    .addOption(json())
    .action(async (symbol, multiplier, opts, cmd) =>
      (await import('./commands/control.js')).instrumentsRiskCommand(
        symbol,
        multiplier,
        opts,
        cmd.optsWithGlobals(),
      ),
    );

  program
    .command('fakes')
    .description('start the local fake venue servers on loopback for dry runs; prints their variables')
    .option('--data <dir>', 'directory of bundled-style CSV files (default: the bundled data)')
    .option('--ahead <days>', 'days of bars still to come, revealed as time passes', '30')
    .option('--history <days>', 'days of history before now', '90')
    .option(
      '--write-env <file>',
      'also write the variables to FILE as KEY=VALUE lines (then: divbot run --mode paper --env-file FILE)',
    )
    .addOption(json())
    .action(async (opts, cmd) =>
      (await import('./commands/fakes.js')).fakesCommand(opts, cmd.optsWithGlobals()),
    );

  return program;
}
