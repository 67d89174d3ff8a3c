// The fault switches every fake venue server shares: faults armed per route (or '*') for the
// next request(s), taken as requests arrive, and a latency added to every answer. Each venue
// names its own routes and fault kinds.
export class FaultQueue<Route extends string, Fault> {
  readonly #armed: { route: Route | '*'; fault: Fault; times: number }[] = [];
  /** Added to every answer (a slow venue), in ms. */
  latencyMs = 0;

  arm(route: Route | '*', fault: Fault, times = 1): this {
    this.#armed.push({ route, fault, times });
    return this;
  }

  /** The fault for this request, consumed. */
  take(route: Route): Fault | undefined {
    const i = this.#armed.findIndex((a) => a.route === route || a.route === '*');
    if (i < 0) return undefined;
    const armed = this.#armed[i]!;
    if (--armed.times <= 0) this.#armed.splice(i, 1);
    return armed.fault;
  }

  reset(): void {
    this.#armed.length = 0;
    this.latencyMs = 0;
  }
}
