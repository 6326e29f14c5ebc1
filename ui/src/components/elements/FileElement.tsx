/** File element: `a.inline-file[download=<name>]`, a download link with the real name. */
import Download from 'lucide-react/icons/download';
import { FileText } from '../ui/icons.js';
import type { IElement } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { useFileUrl } from './file-url.js';

export function FileElement({ element, display }: { element: IElement; display: string }) {
  const t = useT();
  const kind = element.type === 'file' ? 'file' : element.type;
  const href = useFileUrl(element.url);
  return (
    <a
      className={`${display}-${kind} element-file`}
      href={href}
      download={element.name}
      target="_blank"
      rel="noopener noreferrer"
      title={t('components.elements.download', { name: element.name })}
    >
      <FileText size={16} aria-hidden="true" />
      <span className="element-file-name">{element.name}</span>
      <Download size={14} aria-hidden="true" className="element-file-download" />
    </a>
  );
}
