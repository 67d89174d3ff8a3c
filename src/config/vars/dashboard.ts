import { dashboardUsersVar } from '../dashboard-users.js';
import { booleanField, integerField, textField } from '../fields.js';
import { setting } from '../var-def.js';

const dashboard = { group: 'dashboard' } as const;

export const dashboardVars = {
  HOST: setting(
    textField({ pattern: /^[A-Za-z0-9.:[\]%-]+$/, expected: 'a host name or IP address' }),
    '127.0.0.1',
    { ...dashboard, meaning: 'Address the HTTP server (dashboard, API, health) binds to' },
  ),
  PORT: setting(integerField({ min: 1, max: 65_535 }), 8080, { ...dashboard, meaning: 'HTTP server port' }),
  TRUST_PROXY: setting(booleanField(), false, {
    ...dashboard,
    meaning: 'A TLS-terminating proxy is in front: trust X-Forwarded-*, mark cookies Secure',
  }),
  DASHBOARD_USERS: dashboardUsersVar,
};
