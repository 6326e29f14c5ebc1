// passport-gitlab2 ships no types; it is a passport-oauth2 strategy with a `baseURL` option.
declare module 'passport-gitlab2' {
  import { Strategy as OAuth2Strategy } from 'passport-oauth2';
  export class Strategy extends OAuth2Strategy {}
}
