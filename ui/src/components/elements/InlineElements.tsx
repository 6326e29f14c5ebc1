/** Inline elements of one message, grouped so images form a grid and files a row. */
import type { IElement } from '../../client/types.js';
import { ElementView } from './ElementView.js';

export function InlineElements({ elements }: { elements: IElement[] }) {
  const images = elements.filter((e) => e.type === 'image');
  const others = elements.filter((e) => e.type !== 'image' && e.type !== 'tasklist');
  return (
    <div className="inline-elements">
      {images.length ? (
        <div className="inline-image-grid">
          {images.map((e) => (
            <ElementView key={e.id} element={e} display="inline" />
          ))}
        </div>
      ) : null}
      {others.map((e) => (
        <ElementView key={e.id} element={e} display="inline" />
      ))}
    </div>
  );
}
