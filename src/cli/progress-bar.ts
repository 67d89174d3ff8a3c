// A progress bar on a terminal (stderr, so --json output stays clean), nothing otherwise. The
// callback takes (done, total); (-1, 0) stops it. `every`: redraw only each nth step (and the last).
import cliProgress from 'cli-progress';

export function terminalProgress(
  command: string,
  unit: string,
  every = 1,
): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${command} [{bar}] {percentage}% | {value}/{total} ${unit} | eta {eta_formatted}`,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return (done, total) => {
    if (done < 0) {
      if (started) bar.stop();
      return;
    }
    if (!started) {
      bar.start(total, 0);
      started = true;
    }
    bar.setTotal(total);
    if (done % every === 0 || done === total) bar.update(done);
  };
}
