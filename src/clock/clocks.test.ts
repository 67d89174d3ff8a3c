import { describe, expect, it } from 'vitest';
import { AcceleratedClock } from './accelerated-clock.js';
import { SimulatedClock } from './simulated-clock.js';

describe('SimulatedClock', () => {
  it('wakes sleepers in deadline order, each at its own deadline', async () => {
    const clock = new SimulatedClock(0);
    const woke: Array<[string, number]> = [];
    void clock.sleepUntil(300).then(() => woke.push(['c', clock.now()]));
    void clock.sleepUntil(100).then(() => woke.push(['a', clock.now()]));
    void clock.sleepUntil(200).then(() => woke.push(['b', clock.now()]));
    await clock.advanceTo(250);
    expect(woke).toEqual([
      ['a', 100],
      ['b', 200],
    ]);
    expect(clock.now()).toBe(250);
    await clock.advanceTo(1000);
    expect(woke.at(-1)).toEqual(['c', 300]);
  });

  it('lets a woken task schedule its next sleep within the same advance', async () => {
    const clock = new SimulatedClock(0);
    const ticks: number[] = [];
    const controller = new AbortController();
    void (async () => {
      for (let t = 60; ; t += 60) {
        await clock.sleepUntil(t, controller.signal);
        ticks.push(clock.now());
      }
    })().catch(() => {});
    await clock.advanceTo(300);
    expect(ticks).toEqual([60, 120, 180, 240, 300]);
    controller.abort();
  });

  it('rejects a sleeper when its signal aborts and forgets it', async () => {
    const clock = new SimulatedClock(0);
    const controller = new AbortController();
    const p = clock.sleepUntil(100, controller.signal);
    controller.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });

  it('never goes back in time', async () => {
    const clock = new SimulatedClock(1000);
    await expect(clock.advanceTo(999)).rejects.toThrow(RangeError);
  });
});

describe('AcceleratedClock', () => {
  it('hold stops simulated time; release runs on from there, without the held stretch (nested)', () => {
    let real = 1_000;
    const clock = new AcceleratedClock(50_000, 3600, () => real);
    real += 1; // 1 real ms: 3.6 s simulated
    expect(clock.now()).toBe(53_600);
    clock.hold();
    clock.hold();
    real += 1_000; // a job's second of work
    expect(clock.now(), 'held').toBe(53_600);
    clock.release();
    real += 1_000;
    expect(clock.now(), 'still held by the outer hold').toBe(53_600);
    clock.release();
    expect(clock.now(), 'no jump at the release').toBe(53_600);
    real += 1;
    expect(clock.now()).toBe(57_200);
    expect(() => clock.release()).toThrow('without hold');
  });

  it('runs speed times faster than the real clock', () => {
    let real = 1_000;
    const clock = new AcceleratedClock(50_000, 3600, () => real);
    expect(clock.now()).toBe(50_000);
    real += 1_000;
    expect(clock.now()).toBe(50_000 + 3_600_000);
  });

  it('sleeps the real time that the simulated wait corresponds to', async () => {
    const clock = new AcceleratedClock(0, 1000);
    const started = performance.now();
    await clock.sleepUntil(clock.now() + 50_000); // 50 simulated seconds = 50 real ms
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(clock.now()).toBeGreaterThanOrEqual(50_000);
  });

  it('lets the event loop turn on a sleep that is already due (signals and HTTP stay served)', async () => {
    // A demo at a very high speed finds every scheduled time already past: a loop of such
    // sleeps must not starve timers, I/O and signal handlers.
    const clock = new AcceleratedClock(0, 1e9);
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    for (let i = 0; i < 1_000 && !timerRan; i++) await clock.sleepUntil(0);
    expect(timerRan).toBe(true);
  });

  it('refuses a non-positive speed', () => {
    expect(() => new AcceleratedClock(0, 0)).toThrow(/speed/);
  });
});

describe('SimulatedClock.jumpTo', () => {
  it('moves time at once when nobody sleeps, and wakes sleepers like advanceTo otherwise', async () => {
    const clock = new SimulatedClock(0);
    await clock.jumpTo(10);
    expect(clock.now()).toBe(10);
    await expect(clock.jumpTo(5)).rejects.toThrow(/cannot go back/);
    const woke: number[] = [];
    void clock.sleepUntil(20).then(() => woke.push(clock.now()));
    await clock.jumpTo(30);
    expect(woke).toEqual([20]);
    expect(clock.now()).toBe(30);
  });
});
