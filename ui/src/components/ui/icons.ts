/**
 * Icons used by the UI itself, imported one file each so the main bundle does not pull
 * the whole lucide set (named icons from the wire use the lazy map in Icon.tsx).
 */
export { default as ArrowDown } from 'lucide-react/icons/arrow-down';
export { default as ArrowUp } from 'lucide-react/icons/arrow-up';
export { default as BookOpen } from 'lucide-react/icons/book-open';
export { default as Check } from 'lucide-react/icons/check';
export { default as ChevronDown } from 'lucide-react/icons/chevron-down';
export { default as ChevronRight } from 'lucide-react/icons/chevron-right';
export { default as Circle } from 'lucide-react/icons/circle';
export { default as CircleAlert } from 'lucide-react/icons/circle-alert';
export { default as CircleCheck } from 'lucide-react/icons/circle-check';
export { default as CircleX } from 'lucide-react/icons/circle-x';
export { default as CodeXml } from 'lucide-react/icons/code-xml';
export { default as Copy } from 'lucide-react/icons/copy';
export { default as FileText } from 'lucide-react/icons/file-text';
export { default as File } from 'lucide-react/icons/file';
export { default as KeyRound } from 'lucide-react/icons/key-round';
export { default as Loader } from 'lucide-react/icons/loader';
export { default as LoaderCircle } from 'lucide-react/icons/loader-circle';
export { default as LogOut } from 'lucide-react/icons/log-out';
export { default as Mic } from 'lucide-react/icons/mic';
export { default as Monitor } from 'lucide-react/icons/monitor';
export { default as Moon } from 'lucide-react/icons/moon';
export { default as PanelLeft } from 'lucide-react/icons/panel-left';
export { default as Paperclip } from 'lucide-react/icons/paperclip';
export { default as Pencil } from 'lucide-react/icons/pencil';
export { default as RefreshCw } from 'lucide-react/icons/refresh-cw';
export { default as Settings2 } from 'lucide-react/icons/settings-2';
export { default as Square } from 'lucide-react/icons/square';
export { default as SquarePen } from 'lucide-react/icons/square-pen';
export { default as Sun } from 'lucide-react/icons/sun';
export { default as Upload } from 'lucide-react/icons/upload';
export { default as User } from 'lucide-react/icons/user';
export { default as WifiOff } from 'lucide-react/icons/wifi-off';
export { default as Wrench } from 'lucide-react/icons/wrench';
export { default as X } from 'lucide-react/icons/x';
export { default as Plug } from 'lucide-react/icons/plug';
export { default as Ellipsis } from 'lucide-react/icons/ellipsis';
export { default as Link } from 'lucide-react/icons/link';
export { default as Search } from 'lucide-react/icons/search';
export { default as Share2 } from 'lucide-react/icons/share-2';
export { default as Star } from 'lucide-react/icons/star';
export { default as ThumbsDown } from 'lucide-react/icons/thumbs-down';
export { default as ThumbsUp } from 'lucide-react/icons/thumbs-up';
export { default as Trash2 } from 'lucide-react/icons/trash-2';
