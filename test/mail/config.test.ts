import { describe, expect, it } from 'vitest';
import { mailConfig, maskPassword, parseSender, parseSmtpUrl } from '../../src/mail/config.js';
import { UsageError } from '../../src/errors.js';
import { requiresStartTls } from '../../src/mail/smtp.js';

describe('CRM_SMTP_URL', () => {
  it.each([
    ['smtp://mail.example.com', undefined, { host: 'mail.example.com', port: 587, secure: false, user: null, password: null, display: 'smtp://mail.example.com:587' }],
    ['smtps://mail.example.com', undefined, { port: 465, secure: true, display: 'smtps://mail.example.com:465' }],
    ['smtp://li.na@mail.example.com:2525', undefined, { port: 2525, user: 'li.na', password: null, display: 'smtp://li.na@mail.example.com:2525' }],
    ['smtp://li.na@mail.example.com', 'env-pw', { user: 'li.na', password: 'env-pw', display: 'smtp://li.na:***@mail.example.com:587' }],
    ['smtps://li%40corp:p%40ss%3Aword@mail.example.com', undefined, { user: 'li@corp', password: 'p@ss:word', display: 'smtps://li%40corp:***@mail.example.com:465' }],
    ['smtp://u:url-pw@h.example', 'env-pw', { password: 'env-pw' }],
    ['smtp://[::1]:2525', undefined, { host: '::1', port: 2525, display: 'smtp://[::1]:2525' }],
  ])('%s (password from env %s) is %j', (raw, envPassword, expected) => {
    expect(parseSmtpUrl(raw, envPassword)).toMatchObject(expected);
  });

  it.each(['http://mail.example.com', 'mail.example.com', 'smtp://', 'smtp://h/path', 'smtp://h?tls=no', 'smtp://h:0', 'smtp://u:pw@h:99999', 'smtp://u:pw@h:x'])(
    '%s is refused, naming the variable and never showing a password',
    (raw) => {
      expect(() => parseSmtpUrl(raw)).toThrow(UsageError);
      expect(() => parseSmtpUrl(raw)).toThrow(/^CRM_SMTP_URL must be like smtp:\/\/user@mail\.example\.com:587/);
      try {
        parseSmtpUrl(raw);
      } catch (e) {
        expect((e as Error).message).not.toContain('pw@');
      }
    },
  );

  it.each([
    ['connect smtp://li:secret@host:25 failed', 'connect smtp://li:***@host:25 failed'],
    ['smtps://a:b@c and smtp://d:e@f', 'smtps://a:***@c and smtp://d:***@f'],
    ['smtp://li@host:25', 'smtp://li@host:25'],
    ['smtp://li:Sup3r/Secret@127.0.0.1:2525', 'smtp://li:***@127.0.0.1:2525'],
    ['smtp://li:Sup3r@Secret@127.0.0.1:99999', 'smtp://li:***@127.0.0.1:99999'],
    ['smtps:/li:TopSecret@127.0.0.1:2525', 'smtps:/li:***@127.0.0.1:2525'],
    ['Error: connect failed: me:x', 'Error: connect failed: me:x'],
  ])('maskPassword(%j) is %j', (text, masked) => expect(maskPassword(text)).toBe(masked));

  it.each([
    'smtp://li:Sup3r/Secret@127.0.0.1:2525',
    'smtp://li:Sup3r@Secret@127.0.0.1:99999',
    'smtp://li:pa#ss@127.0.0.1:2525',
    'smtp://li:1234?x@127.0.0.1:2525',
    'smtps:/li:TopSecret@127.0.0.1:2525',
  ])('refuses %j without showing its password, and says how to write one that needs escapes', (raw) => {
    const message = (() => {
      try {
        parseSmtpUrl(raw);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/^CRM_SMTP_URL/);
    for (const secret of ['Sup3r', 'Secret', 'pa#ss', '1234?x', 'TopSecret']) expect(message).not.toContain(secret);
    if (!raw.startsWith('smtps:/l')) expect(message).toContain('%2F %40 %23 %3F');
  });
});

describe('CRM_MAIL_FROM', () => {
  it.each([
    ['Li Na <li.na@example.com>', { name: 'Li Na', address: 'li.na@example.com' }],
    ['"Li Na" <li.na@example.com>', { name: 'Li Na', address: 'li.na@example.com' }],
    ['李娜 <li.na@example.cn>', { name: '李娜', address: 'li.na@example.cn' }],
    ['<li.na@example.com>', { name: null, address: 'li.na@example.com' }],
    ['li.na@example.com', { name: null, address: 'li.na@example.com' }],
  ])('%j is %j', (raw, expected) => expect(parseSender(raw)).toEqual(expected));

  it.each(['Li Na', 'Li Na <li.na@example>', 'Li\u0000Na <li@example.com>', 'a@b.com\r\nBcc: c@d.com'])('%j is refused', (raw) => {
    expect(() => parseSender(raw)).toThrow(/^CRM_MAIL_FROM must be/);
  });
});

describe('mailConfig', () => {
  const env = { CRM_SMTP_URL: 'smtp://h.example', CRM_MAIL_FROM: 'Li <li@example.com>', CRM_MAIL_TO: 'boss@example.com' };
  it('takes --to over CRM_MAIL_TO, and needs no server for a dry run', () => {
    expect(mailConfig(env, { to: 'other@example.com' }, { needServer: true }).to).toBe('other@example.com');
    expect(mailConfig({ ...env, CRM_SMTP_URL: undefined }, {}, { needServer: false })).toMatchObject({ server: null, to: 'boss@example.com' });
    expect(() => mailConfig({ ...env, CRM_SMTP_URL: undefined }, {}, { needServer: true })).toThrow(/^CRM_SMTP_URL is not set/);
  });
});

describe('a password is sent encrypted only', () => {
  it.each([
    [{ secure: false, user: 'li', host: 'mail.example.com' }, true],
    [{ secure: true, user: 'li', host: 'mail.example.com' }, false],
    [{ secure: false, user: null, host: 'mail.example.com' }, false],
    [{ secure: false, user: 'li', host: '127.0.0.1' }, false],
    [{ secure: false, user: 'li', host: 'localhost' }, false],
  ])('%j requires STARTTLS: %s', (server, required) => expect(requiresStartTls(server)).toBe(required));
});
