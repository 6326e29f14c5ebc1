/** Modal dialog on Radix (focus trap, Escape, role="dialog", unmounted when closed). */
import * as D from '@radix-ui/react-dialog';
import { X } from './icons.js';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n.js';
import { usePortalRoot } from './portal-root.js';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  id?: string;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
  role?: 'dialog' | 'alertdialog';
  onKeyDown?: (e: React.KeyboardEvent) => void;
}

export function Dialog({ open, onOpenChange, id, title, description, children, footer, className, role, onKeyDown }: Props) {
  const t = useT();
  const portalRoot = usePortalRoot();
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Portal container={portalRoot}>
        <D.Overlay className="dialog-overlay" />
        <D.Content
          id={id}
          className={`dialog ${className ?? ''}`}
          role={role ?? 'dialog'}
          onKeyDown={onKeyDown}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="dialog-header">
            <D.Title className="dialog-title">{title}</D.Title>
            {description ? <D.Description className="dialog-description">{description}</D.Description> : null}
          </div>
          {children ? <div className="dialog-body">{children}</div> : null}
          {footer ? <div className="dialog-footer">{footer}</div> : null}
          <D.Close className="icon-button dialog-close" aria-label={t('common.actions.close')}>
            <X size={16} />
          </D.Close>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
