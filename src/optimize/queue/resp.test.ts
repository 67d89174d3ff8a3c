import { describe, expect, it } from 'vitest';
import { encodeCommand, RedisReplyError, RespParser } from './resp.js';

describe('RESP2', () => {
  it('encodes a command as an array of bulk strings (bytes, not characters)', () => {
    expect(encodeCommand(['SET', 'k', 'é', 12]).toString()).toBe(
      '*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n$2\r\n12\r\n',
    );
    expect(
      encodeCommand([Buffer.from([0, 1])]).equals(Buffer.from('*1\r\n$2\r\n\x00\x01\r\n', 'latin1')),
    ).toBe(true);
  });

  it('parses replies split anywhere across reads, and several in one read', () => {
    const wire =
      '+OK\r\n:42\r\n$-1\r\n*3\r\n$5\r\nhello\r\n*2\r\n:1\r\n-ERR inner\r\n*-1\r\n$0\r\n\r\n-NOSCRIPT x\r\n';
    const expected = (values: unknown[]) => {
      expect(values.slice(0, 3)).toEqual(['OK', 42, null]);
      const arr = values[3] as unknown[];
      expect(arr[0]).toBe('hello');
      const inner = arr[1] as unknown[];
      expect(inner[0]).toBe(1);
      expect(inner[1]).toBeInstanceOf(RedisReplyError);
      expect(arr[2]).toBeNull();
      expect(values[4]).toBe('');
      expect((values[5] as Error).message).toBe('NOSCRIPT x');
    };
    expected(new RespParser().feed(Buffer.from(wire)));
    for (let cut = 1; cut < wire.length; cut += 3) {
      const p = new RespParser();
      const values = [...p.feed(Buffer.from(wire.slice(0, cut))), ...p.feed(Buffer.from(wire.slice(cut)))];
      expected(values);
    }
  });
});
