import { describe, expect, it } from 'vitest';
import { mailCheck, maskUrl, permissionCheck } from '../../src/domain/doctor.js';

describe('maskUrl', () => {
  it.each([
    ['smtp://me:s3cret@mail.example.com:587', 'smtp://me:***@mail.example.com:587'],
    ['smtps://me%40example.com:p%40ss@smtp.example.com', 'smtps://me%40example.com:***@smtp.example.com'],
    ['smtp://mail.example.com:25', 'smtp://mail.example.com:25'],
    ['not a url://me:s3cret@host', 'not a url://me:***@host'],
  ])('%s', (url, shown) => {
    expect(maskUrl(url)).toBe(shown);
    expect(maskUrl(url)).not.toContain('s3cret');
  });
});

describe('mailCheck', () => {
  const full = { CRM_SMTP_URL: 'smtp://me:s3cret@mail.example.com:587', CRM_MAIL_FROM: 'crm@example.com', CRM_MAIL_TO: 'me@example.com' };
  it.each([
    ['nothing set', {}, 'ok', /^not configured/],
    ['all set', full, 'ok', /^CRM_SMTP_URL=smtp:\/\/me:\*\*\*@mail\.example\.com:587, CRM_MAIL_FROM=crm@example\.com, CRM_MAIL_TO=me@example\.com$/],
    ['the sender with a display name, as the README shows it', { ...full, CRM_MAIL_FROM: 'Li Na <li.na@example.com>' }, 'ok', /CRM_MAIL_FROM=Li Na <li\.na@example\.com>,/],
    ['a display name with a comma', { ...full, CRM_MAIL_FROM: '"Li, Na" <li.na@example.com>' }, 'ok', /CRM_MAIL_FROM="Li, Na" <li\.na@example\.com>,/],
    ['a sender remind refuses', { ...full, CRM_MAIL_FROM: 'Li Na <li.na>' }, 'fail', /CRM_MAIL_FROM=Li Na <li\.na>/],
    ['two recipients (remind sends the digest to one)', { ...full, CRM_MAIL_TO: 'me@example.com, boss@example.com' }, 'fail', /CRM_MAIL_TO=me@example\.com, boss@example\.com$/],
    ['no recipient', { ...full, CRM_MAIL_TO: '' }, 'warn', /CRM_MAIL_TO=\(unset\)/],
    ['an http URL', { ...full, CRM_SMTP_URL: 'http://me:s3cret@example.com' }, 'fail', /CRM_SMTP_URL=http:\/\/me:\*\*\*@example\.com/],
    ['a URL that does not parse', { ...full, CRM_SMTP_URL: 'mail.example.com' }, 'fail', /CRM_SMTP_URL=mail\.example\.com/],
    ['a bad recipient', { ...full, CRM_MAIL_TO: 'me@example.com, boss' }, 'fail', /CRM_MAIL_TO=me@example.com, boss/],
  ])('%s', (_why, env, status, detail) => {
    const check = mailCheck(env);
    expect(check.status).toBe(status);
    expect(check.detail).toMatch(detail);
    expect(JSON.stringify(check)).not.toContain('s3cret');
    if (status !== 'ok') expect(check.fix).toBeTruthy();
  });
});

describe('permissionCheck', () => {
  it.each([
    [0o600, undefined],
    [0o400, undefined],
    [0o640, 'can be read by other users (mode 640)'],
    [0o644, 'can be read by other users (mode 644)'],
    [0o666, 'can be changed by other users (mode 666)'],
  ])('mode %o', (mode, problem) => {
    const check = permissionCheck('/data/crm.db', 0o100000 | mode);
    if (!problem) return expect(check).toBeUndefined();
    expect(check).toEqual({ name: 'permissions', status: 'fail', detail: `/data/crm.db ${problem}`, fix: 'chmod 600 /data/crm.db' });
  });
});
