/**
 * Chat-profile select (#chat-profiles, DOM-CONTRACT §2). The description card lives inside
 * the select's content so its links stay clickable while the list is open.
 */
import * as S from '@radix-ui/react-select';
import { ChevronDown } from '../ui/icons.js';
import { useState } from 'react';
import type { IChatProfile } from '../../client/types.js';
import { useChat } from '../../client/react.js';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Markdown } from '../markdown/Markdown.js';
import { NamedIcon } from '../ui/Icon.js';
import { ConfirmNewChat } from './NewChat.js';
import { usePortalRoot } from '../ui/portal-root.js';

const NONE: never[] = [];

function ProfileIcon({ profile }: { profile: IChatProfile }) {
  const c = useController();
  if (!profile.icon) return null;
  if (profile.icon.startsWith('/') || profile.icon.startsWith('http')) {
    const src = profile.icon.startsWith('/public') ? c.href(profile.icon) : profile.icon;
    return <img src={src} alt="" className="profile-icon" />;
  }
  return <NamedIcon name={profile.icon} size={16} />;
}

export function ChatProfiles() {
  const t = useT();
  const c = useController();
  const profiles = useApp((s) => s.settings?.chatProfiles) ?? NONE;
  const current = useApp((s) => s.chatProfile);
  const confirmNeeded = useApp((s) => s.settings?.ui.confirm_new_chat !== false);
  const started = useChat((s) => s.messages.some((m) => m.type === 'user_message'));
  const [described, setDescribed] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const portalRoot = usePortalRoot();
  if (profiles.length < 2) return null;
  const switchTo = (name: string) => {
    if (name === current) return;
    if (started && confirmNeeded) setPending(name);
    else void c.switchProfile(name);
  };
  const desc = profiles.find((p) => p.name === described);
  return (
    <>
      <S.Root value={current ?? undefined} onValueChange={switchTo} onOpenChange={(o) => !o && setDescribed(null)}>
        <S.Trigger id="chat-profiles" className="button button-ghost profile-trigger" aria-label={t('chat.profiles.label')}>
          <S.Value />
          <S.Icon>
            <ChevronDown size={14} aria-hidden="true" />
          </S.Icon>
        </S.Trigger>
        <S.Portal container={portalRoot}>
          <S.Content className="select-content profile-content" position="popper" sideOffset={6} align="start">
            <S.Viewport className="select-viewport">
              {profiles.map((p) => (
                <S.Item
                  key={p.name}
                  value={p.name}
                  data-test={`select-item:${p.name}`}
                  className="select-item"
                  onPointerMove={() => setDescribed(p.name)}
                  onFocus={() => setDescribed(p.name)}
                >
                  <ProfileIcon profile={p} />
                  <S.ItemText>{p.display_name || p.name}</S.ItemText>
                </S.Item>
              ))}
            </S.Viewport>
            {desc?.markdown_description ? (
              <div id="chat-profile-description" className="profile-description" onPointerMove={(e) => e.stopPropagation()}>
                <Markdown text={desc.markdown_description} />
              </div>
            ) : null}
          </S.Content>
        </S.Portal>
      </S.Root>
      <ConfirmNewChat
        open={pending !== null}
        onOpenChange={(o) => !o && setPending(null)}
        onConfirm={() => {
          const name = pending;
          setPending(null);
          if (name) void c.switchProfile(name);
        }}
      />
    </>
  );
}
