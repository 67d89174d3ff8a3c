// The activity history (GET /history/activity, Version 3, detailed) is where IG keeps what
// happened to every deal: the one venue-side record that resolves an order after a lost answer,
// a restart or a fill by the venue's own stop. Pages are followed through `metadata.paging.next`.
import type { IgHttp } from './http.js';
import { activityResponse, formatUtc, type IgActivity, parseUtc } from './schemas.js';

const MAX_PAGES = 20;

export class ActivityReader {
  constructor(
    readonly http: IgHttp,
    readonly lookbackMs: number,
    readonly now: () => number,
  ) {}

  /** Activities from `since` (ms, inclusive), oldest first. */
  async since(since: number): Promise<IgActivity[]> {
    const out: IgActivity[] = [];
    let query: Record<string, string> = {
      from: formatUtc(Math.floor(since / 1000) * 1000),
      detailed: 'true',
      pageSize: '500',
    };
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await this.http.request({
        method: 'GET',
        endpoint: '/history/activity',
        path: '/history/activity',
        version: 3,
        query,
      });
      const body = this.http.parse(activityResponse, res);
      out.push(...body.activities);
      const next = body.metadata.paging.next;
      if (next === null) break;
      query = Object.fromEntries(new URL(next, 'http://ig').searchParams);
    }
    return out
      .filter((a) => parseUtc(a.date) >= Math.floor(since / 1000) * 1000)
      .sort((a, b) => parseUtc(a.date) - parseUtc(b.date));
  }

  recent(): Promise<IgActivity[]> {
    return this.since(this.now() - this.lookbackMs);
  }
}
