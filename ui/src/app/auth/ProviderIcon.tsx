/** The logo of an OAuth provider on its login button (brand marks from simple-icons). */
import { siAuth0, siGithub, siGitlab, siGoogle, siKeycloak, siOkta, siOpenid } from 'simple-icons';
import Building2 from 'lucide-react/icons/building-2';
import Cloud from 'lucide-react/icons/cloud';
import ShieldCheck from 'lucide-react/icons/shield-check';
import { KeyRound } from '../../components/ui/icons.js';

const BRANDS: Record<string, { path: string; title: string }> = {
  github: siGithub,
  gitlab: siGitlab,
  google: siGoogle,
  auth0: siAuth0,
  okta: siOkta,
  keycloak: siKeycloak,
  generic: siOpenid,
};

const NAMES: Record<string, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  google: 'Google',
  'azure-ad': 'Microsoft',
  'azure-ad-hybrid': 'Microsoft',
  okta: 'Okta',
  auth0: 'Auth0',
  descope: 'Descope',
  'aws-cognito': 'AWS Cognito',
  keycloak: 'Keycloak',
};

export function providerName(id: string): string {
  return NAMES[id] ?? id.charAt(0).toUpperCase() + id.slice(1);
}

export function ProviderIcon({ id }: { id: string }) {
  const brand = BRANDS[id];
  if (brand) {
    return (
      <svg className={`provider-icon provider-icon-${id}`} role="img" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="currentColor">
        <path d={brand.path} />
      </svg>
    );
  }
  const props = { className: `provider-icon provider-icon-${id}`, size: 18, 'aria-hidden': true } as const;
  if (id.startsWith('azure-ad')) return <Building2 {...props} />;
  if (id === 'aws-cognito') return <Cloud {...props} />;
  if (id === 'descope') return <ShieldCheck {...props} />;
  return <KeyRound {...props} />;
}
