// The dashboard's client of /api/v1: JSON in and out, the session cookie sent by the browser,
// the CSRF token (from login or /auth/session) on every mutation.
let csrf = null;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const r = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const type = r.headers.get('content-type') ?? '';
  const data = type.includes('application/json') ? await r.json() : await r.text();
  if (!r.ok) throw new ApiError(r.status, data?.error || `HTTP ${r.status}`);
  return data;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body = {}) => call('POST', path, body),
  async session() {
    const s = await call('GET', '/auth/session');
    csrf = s.csrf_token;
    return s;
  },
  async login(name, password) {
    const s = await call('POST', '/auth/login', { name, password });
    csrf = s.csrf_token;
    return s;
  },
  async logout() {
    await call('POST', '/auth/logout');
    csrf = null;
  },
};
