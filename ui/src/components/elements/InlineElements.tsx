/** Inline elements of one message, grouped: images in a grid, then the others in order. */
import type { IElement } from '../../client/types.js';
import { ElementView } from './ElementView.js';

export function InlineElements({ elements }: { elements: IElement[] }) {
  const images = elements.filter((e) => e.type === 'image');
  const others = elements.filter((e) => e.type !== 'image' && e.type !== 'tasklist');
  const files = others.filter((e) => e.type === 'file' || e.type === 'pdf');
  const blocks = others.filter((e) => e.type !== 'file' && e.type !== 'pdf');
  return (
    <div className="inline-elements">
      {images.length ? (
        <div className="inline-image-grid">
          {images.map((e) => (
            <ElementView key={e.id} element={e} display="inline" />
          ))}
        </div>
      ) : null}
      {files.length ? (
        <div className="inline-file-row">
          {files.map((e) => (
            <ElementView key={e.id} element={e} display="inline" />
          ))}
        </div>
      ) : null}
      {blocks.map((e) => (
        <ElementView key={e.id} element={e} display="inline" />
      ))}
    </div>
  );
}
