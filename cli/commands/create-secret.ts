import { randomBytes } from 'node:crypto';

export function createSecretCommand(): number {
  const secret = randomBytes(48).toString('base64url');
  console.log(`Copy the following secret into your .env file. Once it is set, changing it will log out all users.\nCHAINLIT_AUTH_SECRET="${secret}"`);
  return 0;
}
