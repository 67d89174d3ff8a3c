import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, scrubSecrets } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

// Recognisable fake secrets: if any of these strings shows up in output, redaction failed.
const FAKE = {
  anthropic: 'sk-ant-FAKE-SECRET-1234567890',
  oanda: 'oanda-FAKE-TOKEN-abcdef123456',
  igPassword: 'ig-FAKE-"pass\\word"-9876',
  binanceSecret: 'binance-FAKE-SECRET-zyxw',
};

describe('logger', () => {
  it('scrubs known secret values wherever they appear', () => {
    const { lines, stream } = capture();
    const log = createLogger({ destination: stream, secrets: Object.values(FAKE) });
    log.info({ url: `https://api.example/v3?token=${FAKE.oanda}` }, 'calling venue');
    log.error(new Error(`login failed for password ${FAKE.igPassword}`), 'IG login failed');
    log.warn({ nested: { deep: [FAKE.binanceSecret] } }, `key ${FAKE.anthropic} rejected`);
    const out = lines.join('');
    for (const secret of Object.values(FAKE)) {
      expect(out, `secret ${secret} leaked`).not.toContain(secret);
      expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    expect(out.split(REDACTED).length - 1).toBeGreaterThanOrEqual(4);
  });

  it('redacts secret-named fields even when their values are unknown', () => {
    const { lines, stream } = capture();
    const log = createLogger({ destination: stream });
    log.info(
      {
        request: { headers: { authorization: 'Bearer xyz-unknown-token', 'X-IG-API-KEY': 'igkey-unknown' } },
        password: 'hunter2-unknown',
        cfg: { apiKey: 'plain-unknown-key' },
      },
      'request',
    );
    const out = lines.join('');
    expect(out).not.toContain('xyz-unknown-token');
    expect(out).not.toContain('igkey-unknown');
    expect(out).not.toContain('hunter2-unknown');
    expect(out).not.toContain('plain-unknown-key');
  });

  it('writes one JSON object per line with level, time and msg', () => {
    const { lines, stream } = capture();
    createLogger({ destination: stream, name: 'divbot' }).info({ job: 'analysis' }, 'job finished');
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 30, msg: 'job finished', job: 'analysis', name: 'divbot' });
    expect(typeof entry.time).toBe('string');
  });

  it('does not scrub values too short to be secrets', () => {
    expect(scrubSecrets('the cat sat', ['cat'])).toBe('the cat sat');
  });
});
