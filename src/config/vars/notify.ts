import { httpUrlField, integerField, listField, secretField, textField } from '../fields.js';
import { optionalSetting, setting } from '../var-def.js';

const notify = { group: 'notify' } as const;

export const notifyVars = {
  TELEGRAM_BOT_TOKEN: optionalSetting(secretField(), {
    ...notify,
    secret: true,
    meaning: 'Telegram bot token; set to turn Telegram alerts and commands on',
  }),
  TELEGRAM_CHAT_ID: optionalSetting(
    textField({ pattern: /^(?:-?\d+|@[A-Za-z]\w{3,})$/, expected: 'a numeric chat id or @channelname' }),
    { ...notify, meaning: 'Telegram chat that receives alerts' },
  ),
  TELEGRAM_ALLOWED_USER_IDS: setting(listField(integerField({ min: 1 })), [], {
    ...notify,
    meaning: 'Telegram user ids (comma-separated) whose commands are answered',
    defaultProse: '(none)',
  }),
  TELEGRAM_API_URL: setting(httpUrlField(), 'https://api.telegram.org', {
    ...notify,
    urlMask: 'credentials',
    meaning: 'Telegram Bot API base URL',
  }),
  CLICKSEND_USERNAME: optionalSetting(textField(), {
    ...notify,
    meaning: 'ClickSend user name for SMS alerts',
  }),
  CLICKSEND_API_KEY: optionalSetting(secretField(), {
    ...notify,
    secret: true,
    meaning: 'ClickSend API key for SMS alerts',
  }),
  CLICKSEND_BASE_URL: setting(httpUrlField(), 'https://rest.clicksend.com', {
    ...notify,
    urlMask: 'credentials',
    meaning: 'ClickSend base URL, up to (not including) /v3',
  }),
  SMS_TO: setting(
    listField(
      textField({ pattern: /^\+[1-9]\d{6,14}$/, expected: 'an E.164 phone number like +61411111111' }),
    ),
    [],
    {
      ...notify,
      meaning: 'Phone numbers (E.164, comma-separated) for critical SMS alerts',
      defaultProse: '(none)',
    },
  ),
  HEARTBEAT_URL: optionalSetting(httpUrlField(false), {
    ...notify,
    urlMask: 'path',
    meaning: 'Dead-man heartbeat: receives a GET every analysis cycle',
  }),
};
