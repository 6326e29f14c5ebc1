/**
 * Avatar of a non-user message (DOM-CONTRACT §4): a lucide icon when the step has one (and
 * then no <img>), an alert icon for errors, else /avatars/<author> with favicon fallback.
 */
import { CircleAlert } from '../ui/icons.js';
import { useState } from 'react';
import { NamedIcon } from '../ui/Icon.js';
import { useMessageConfig } from './message-context.js';

export function Avatar({ author, isError, icon }: { author: string; isError?: boolean | null; icon?: string | null }) {
  const { avatarBase, defaultAvatar } = useMessageConfig();
  const [failed, setFailed] = useState(false);
  if (isError) {
    return (
      <span className="avatar avatar-error">
        <CircleAlert size={18} aria-hidden="true" />
      </span>
    );
  }
  if (icon) {
    return (
      <span className="avatar avatar-icon">
        <NamedIcon name={icon} size={18} />
      </span>
    );
  }
  const safe = /^[a-zA-Z0-9_ .-]+$/.test(author) ? author : 'default';
  // ui.default_avatar_file_url replaces every author's avatar, as in Chainlit.
  const src = failed ? `${avatarBase}/favicon` : defaultAvatar ?? `${avatarBase}/avatars/${encodeURIComponent(safe)}`;
  return (
    <span className="avatar">
      <img src={src} alt={author} onError={() => !failed && setFailed(true)} />
    </span>
  );
}
