import { expect } from 'chai';
import { authCookieLines, readAuthToken, CHUNK_SIZE } from '../../../runtime/auth/cookies.js';
import { hashPassword, verifyPassword } from '../../../runtime/auth/password.js';
import { safeReturnPath } from '../../../runtime/auth/redirect.js';
import { filterFromClasses } from '../../../ui/src/app/auth/login-image.js';
import { safeReturnPath as uiSafeReturnPath } from '../../../ui/src/app/auth/return-to.js';

describe('auth helpers', () => {
  it('reads the whole cookie first, else chunks in order up to the first gap', () => {
    expect(readAuthToken({ cookie: 'access_token=abc; access_token_0=x' }, 'access_token')).to.equal('abc');
    expect(readAuthToken({ cookie: 'access_token_1=b; access_token_0=a; access_token_3=z' }, 'access_token')).to.equal('ab');
    expect(readAuthToken({ cookie: 'access_token=' }, 'access_token')).to.equal(undefined);
    expect(readAuthToken({}, 'access_token')).to.equal(undefined);
  });

  it('splits a long token into chunks that join back, and deletes stale ones', () => {
    const token = 'x'.repeat(CHUNK_SIZE * 2 + 10);
    const lines = authCookieLines(token, { name: 't', sameSite: 'lax', maxAgeSeconds: 60 }, { cookie: 't=old; t_5=stale; other=1' });
    const set = lines.filter((l) => !/Max-Age=0/.test(l)).map((l) => l.split(';')[0]!);
    expect(set.map((p) => p.split('=')[0])).to.deep.equal(['t_0', 't_1', 't_2']);
    expect(readAuthToken({ cookie: set.join('; ') }, 't')).to.equal(token);
    const deleted = lines.filter((l) => /Max-Age=0/.test(l)).map((l) => l.split('=')[0]).sort();
    expect(deleted).to.deep.equal(['t', 't_5']);
  });

  it('verifies scrypt hashes and refuses malformed or extreme ones', async () => {
    const hash = await hashPassword('pw');
    expect(await verifyPassword('pw', hash)).to.equal(true);
    expect(await verifyPassword('pW', hash)).to.equal(false);
    expect(await verifyPassword('pw', undefined)).to.equal(false);
    expect(await verifyPassword('pw', 'scrypt$3$8$1$c2FsdA$aGFzaA')).to.equal(false); // N not a power of two
    expect(await verifyPassword('pw', `scrypt$${2 ** 24}$8$1$c2FsdA$aGFzaA`)).to.equal(false); // N too large
    expect(await verifyPassword('pw', 'pw')).to.equal(false);
  });

  for (const [name, check] of [['server', safeReturnPath], ['ui', uiSafeReturnPath]] as const) {
    it(`${name}: only plain in-app paths are safe to return to`, () => {
      expect(check('/thread/abc?x=1')).to.equal('/thread/abc?x=1');
      for (const bad of ['https://evil.test', '//evil.test', '/\\evil.test', 'evil', '', '/a\r\nb', 'javascript:alert(1)', '/\t/evil.test']) {
        expect(check(bad), JSON.stringify(bad)).to.equal(null);
      }
    });
  }

  it('turns Tailwind filter classes into a CSS filter and ignores the rest', () => {
    expect(filterFromClasses('brightness-50 grayscale my-class')).to.equal('brightness(0.5) grayscale(100%)');
    expect(filterFromClasses('invert hue-rotate-90 blur-sm')).to.equal('invert(100%) hue-rotate(90deg) blur(4px)');
    expect(filterFromClasses('rounded-md')).to.equal(undefined);
    expect(filterFromClasses(null)).to.equal(undefined);
  });
});
