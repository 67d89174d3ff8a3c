// The analysis and monitor jobs both move the execution engine (sync, exits, new orders). The
// scheduler keeps each job from overlapping itself, not from overlapping the other: this queue
// runs their work one after the other, so a monitor run never interleaves with an analysis cycle
// at an await (and the demo's end-of-data summary sees every exit the last runs made).
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = tail.then(work);
    tail = run.catch(() => {});
    return run;
  };
}
