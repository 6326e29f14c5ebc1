/**
 * The OAuth providers chainlit-rt knows, with the environment variables Chainlit documents
 * for each (`OAUTH_<PREFIX>_<SETTING>`). A provider is configured when its client id,
 * client secret and every required setting have a value (manifest first, then env).
 * Settings without a Chainlit counterpart are ours and documented in docs/auth.md.
 */
export interface ProviderSpec {
  /** Default id (keycloak and generic can be renamed with their `name` setting). */
  readonly id: string;
  /** `OAUTH_<prefix>_…` variable prefix. */
  readonly envPrefix: string;
  /** Settings (lower-case names of the env suffixes) that must be set besides client id/secret. */
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** Alternative requirement sets: the provider is configured when one of them is complete. */
  readonly requiredAnyOf?: readonly (readonly string[])[];
}

const ENDPOINTS = ['auth_url', 'token_url', 'user_info_url'] as const;

export const PROVIDERS: readonly ProviderSpec[] = [
  { id: 'github', envPrefix: 'GITHUB', required: [], optional: ['enterprise_url'] },
  { id: 'google', envPrefix: 'GOOGLE', required: [], optional: [...ENDPOINTS] },
  { id: 'azure-ad', envPrefix: 'AZURE_AD', required: ['tenant_id'], optional: ['enable_single_tenant', 'authority_url', 'graph_url'] },
  { id: 'okta', envPrefix: 'OKTA', required: ['domain'], optional: ['authorization_server_id'] },
  { id: 'auth0', envPrefix: 'AUTH0', required: ['domain'], optional: ['original_domain'] },
  { id: 'descope', envPrefix: 'DESCOPE', required: [], optional: ['base_url'] },
  { id: 'aws-cognito', envPrefix: 'COGNITO', required: ['domain'], optional: [] },
  { id: 'gitlab', envPrefix: 'GITLAB', required: ['domain'], optional: [] },
  { id: 'keycloak', envPrefix: 'KEYCLOAK', required: ['realm', 'base_url'], optional: ['name'] },
  {
    id: 'generic',
    envPrefix: 'GENERIC',
    required: [],
    optional: ['name', 'issuer', ...ENDPOINTS, 'user_identifier'],
    // OpenID Connect discovery from an issuer, or Chainlit's explicit endpoints.
    requiredAnyOf: [['issuer'], [...ENDPOINTS]],
  },
];

export function providerSpec(id: string): ProviderSpec | undefined {
  return PROVIDERS.find((p) => p.id === id);
}
