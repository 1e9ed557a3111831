import { type KeyboardEvent, useRef, useState } from 'react';
import './image-gallery.css';

export interface GalleryImage {
  image_id: string;
  url: string;
}

const STEP: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowDown: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  ArrowUp: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/**
 * A product's pictures: the chosen one large, every one as a thumbnail button below it. Each
 * thumbnail is a tab stop (Enter or Space shows it), and the arrow keys, Home and End move
 * between them and show the picture at once, so a keyboard reaches every picture.
 */
export function ImageGallery({ images, title }: { images: GalleryImage[]; title: string }) {
  const [shown, setShown] = useState(0);
  const thumbnails = useRef<Array<HTMLButtonElement | null>>([]);
  if (images.length === 0) {
    return (
      <div className="gallery">
        <div className="gallery-noimage">No picture yet</div>
      </div>
    );
  }
  const index = Math.min(shown, images.length - 1);
  const current = images[index]!;
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = STEP[event.key];
    if (!step) return;
    event.preventDefault();
    const next = step(index, images.length);
    setShown(next);
    thumbnails.current[next]?.focus();
  };
  return (
    <div className="gallery">
      <img
        className="gallery-main"
        src={current.url}
        alt={images.length > 1 ? `${title}, picture ${index + 1} of ${images.length}` : title}
        width={640}
        height={480}
      />
      {images.length > 1 ? (
        <ul className="gallery-thumbnails" aria-label="Pictures">
          {images.map((image, position) => (
            <li key={image.image_id}>
              <button
                type="button"
                ref={(element) => {
                  thumbnails.current[position] = element;
                }}
                aria-pressed={position === index}
                aria-label={`Show picture ${position + 1} of ${images.length}`}
                onClick={() => setShown(position)}
                onKeyDown={onKeyDown}
              >
                <img src={image.url} alt="" width={64} height={48} loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
